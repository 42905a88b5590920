"""Serves the community ``databricks-sdk-mcp`` 0.1.0 (PyPI) over Streamable HTTP for the benchmark, unchanged.

Its command line (``databricks-mcp``) runs stdio or the old HTTP+SSE transport; its server is the module-level ``mcp``
SDK ``FastMCP`` object, so this registers its tools exactly as its ``main()`` does and serves
``FastMCP.streamable_http_app()`` (Streamable HTTP at /mcp, sessions in the process) under uvicorn. Nothing of the
package is patched: every module it registers by default, its synchronous tool functions (run on the event loop by the
SDK) and its one cached ``WorkspaceClient`` of the official Databricks SDK are its own. It is a single-user server: the
SDK's unified auth reads ``DATABRICKS_HOST``/``DATABRICKS_TOKEN`` at the first call, not the MCP caller's bearer.
``/health`` is added for the harness's readiness probe.
"""

from __future__ import annotations

from databricks_mcp.server import _register_tools, mcp
from starlette.requests import Request
from starlette.responses import JSONResponse

_register_tools()


@mcp.custom_route("/health", methods=["GET"])
async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "healthy"})


# ASGI entry point for uvicorn: `uvicorn launcher:app`
app = mcp.streamable_http_app()
