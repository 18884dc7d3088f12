"""P6's yardstick: the bare Flask app of ``bench/bare_app.py`` served exactly as ``make serve`` serves
mockdialer (``mockdialer.serve``'s settings: interface, workers, threads, backpressure, backlog), only
the app differs. ``python bench/bare_serve.py --host H --port N``, with ``bench/`` on ``PYTHONPATH``
(the workers import ``bare_app``)."""

import os

from mockdialer import serve

if __name__ == "__main__":
    os.environ["MOCKDIALER_SERVE_FACTORY"] = "bare_app:create_app"  # the workers build the bare app
    serve.main()
