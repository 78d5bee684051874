"""Ralph LRS 5.1.0 with its file backend, as `ralph runserver -b fs` serves it, minus the
auto-reloading child process, and with one fix: in 5.1.0 the file backend writes the LRS
file with operation type CREATE by default, so every write after the first fails with
"fs_lrs.jsonl already exists and overwrite is not allowed" (HTTP 500). Writes append
instead, which is what an LRS file needs. Usage: ralph-serve.py HOST PORT (environment as
for `ralph runserver`: RALPH_RUNSERVER_BACKEND=fs, RALPH_APP_DIR, ...)."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), log_level="warning")
