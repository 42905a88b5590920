"""Serves the community ``databricks-mcp-server`` 0.4.4 (PyPI) over Streamable HTTP for the benchmark, unchanged.

Its command line (``databricks-mcp``) only runs the stdio transport; its server class is an ``mcp`` SDK ``FastMCP``
subclass, so this builds that same object and serves ``FastMCP.streamable_http_app()`` (Streamable HTTP at /mcp, MCP
sessions held in the process) under uvicorn, as the SDK's own ``run("streamable-http")`` does. Nothing of the package
is patched: its tools, its per-request ``httpx.AsyncClient`` and its concurrency limit (``MAX_CONCURRENT_REQUESTS``,
default 8) are its own. It is a single-user server: the Databricks token comes from ``DATABRICKS_TOKEN`` at startup,
not from the MCP caller. ``/health`` is added for the harness's readiness probe.

Environment: DATABRICKS_HOST (the emulator's base URL), DATABRICKS_TOKEN (an emulator token for the benchmark user).
"""

from __future__ import annotations

from databricks_mcp.server.databricks_mcp_server import DatabricksMCPServer
from starlette.requests import Request
from starlette.responses import JSONResponse

server = DatabricksMCPServer()


@server.custom_route("/health", methods=["GET"])
async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "healthy"})


# ASGI entry point for uvicorn: `uvicorn launcher:app`
app = server.streamable_http_app()
