"""The CallFire CccService rules, shared by REST and SOAP: campaigns (``campaigns.py``), agent groups
(``agent_groups.py``), agents (``agents.py``), agent sessions (``sessions.py``), agent invites
(``invites.py``), and where they keep their objects, ids and RequestId de-dup (``tables.py``)."""
