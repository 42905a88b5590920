"""Calls Lakegate tools with the official Python MCP SDK (PyPI `mcp` 2.x) until a stop file appears, each call in a
fresh stateless (2026-07-28) client so that every call is a new connection kube-proxy places anew, which is what a
rolling update must not break.

Usage: python mcp_calls_until.py <mcp-url> <stop-file> <max-calls> [<pause-ms>]   (bearer in env LAKEGATE_TOKEN)
The pause between calls keeps one user under the connector's per-user rate limit (300 calls a minute per replica),
whichever replica kube-proxy picks.
Prints one JSON line: calls that succeeded, that failed, and the first failure.
"""
import asyncio
import json
import os
import sys
import traceback

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


def describe(e: BaseException) -> str:
    """The innermost causes: anyio wraps a transport failure in an ExceptionGroup whose text names none of them."""
    if isinstance(e, BaseExceptionGroup):
        return "; ".join(describe(inner) for inner in e.exceptions)
    return "".join(traceback.format_exception_only(type(e), e)).strip()


async def one_call(url: str) -> str | None:
    http = httpx2.AsyncClient(headers={"Authorization": "Bearer " + os.environ["LAKEGATE_TOKEN"]},
                              timeout=httpx2.Timeout(30.0, read=60.0))
    try:
        async with Client(streamable_http_client(url, http_client=http), mode="2026-07-28") as client:
            result = await client.call_tool("list_catalogs", {})
            return f"tool error: {result.content}" if result.is_error else None
    except Exception as e:
        return describe(e)
    finally:
        await http.aclose()


async def main() -> None:
    url, stop_file, max_calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
    pause = int(sys.argv[4]) / 1000 if len(sys.argv) > 4 else 0
    report = {"ok": 0, "errors": 0, "first_error": None}
    # bounded: the stop file ends it normally, max_calls if the test never writes it
    for _ in range(max_calls):
        if os.path.exists(stop_file):
            break
        error = await asyncio.wait_for(one_call(url), timeout=90)
        if error is None:
            report["ok"] += 1
        else:
            report["errors"] += 1
            report["first_error"] = report["first_error"] or error
        await asyncio.sleep(pause)
    print("MCP-CLIENT " + json.dumps(report), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
