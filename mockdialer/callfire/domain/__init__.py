"""The CallFire CccService rules, shared by REST and SOAP: campaigns (``campaigns.py``), agent groups
(``agent_groups.py``), and where both keep their objects, ids and RequestId de-dup (``tables.py``)."""
