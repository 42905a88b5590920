"""Drives Lakegate's /mcp with the official Python MCP SDK (PyPI `mcp`), one connection per requested mode.

Usage: python mcp_client.py <mcp-url> <calls> <mode> [<mode> ...]   (bearer in env LAKEGATE_TOKEN)
Prints one JSON line per mode: the negotiated protocol version, the tool count and how many calls succeeded or failed.
Optional env: LAKEGATE_TOOL_ARGS (a JSON object passed to every call); LAKEGATE_STOP_FILE (a conversation that goes on
after <calls> until this file exists, at most LAKEGATE_MAX_CALLS calls, LAKEGATE_CALL_PAUSE_MS apart), so a test can
hold a conversation open while it restarts the servers behind it.
"""
import asyncio
import json
import os
import sys
import traceback

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client


async def run(url: str, mode: str, calls: int) -> dict:
    report = {"mode": mode, "protocol": None, "tools": 0, "ok": 0, "errors": 0, "first_error": None}
    http = httpx2.AsyncClient(headers={"Authorization": "Bearer " + os.environ["LAKEGATE_TOKEN"]},
                              timeout=httpx2.Timeout(30.0, read=60.0))
    try:
        async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
            report["protocol"] = client.protocol_version
            tools = await client.list_tools()
            report["tools"] = len(tools.tools)
            names = ["list_catalogs", "list_sql_warehouses", "list_genie_spaces"]
            arguments = json.loads(os.environ.get("LAKEGATE_TOOL_ARGS", "{}"))
            stop_file = os.environ.get("LAKEGATE_STOP_FILE")
            max_calls = int(os.environ.get("LAKEGATE_MAX_CALLS", str(calls)))
            pause = int(os.environ.get("LAKEGATE_CALL_PAUSE_MS", "0")) / 1000.0
            i = 0
            while i < calls or (stop_file and not os.path.exists(stop_file) and i < max_calls):
                name = names[i % len(names)]
                i += 1
                if pause:
                    await asyncio.sleep(pause)
                try:
                    result = await client.call_tool(name, arguments)
                    if result.is_error:
                        report["errors"] += 1
                        report["first_error"] = report["first_error"] or f"{name}: {result.content}"
                    else:
                        report["ok"] += 1
                except Exception as e:  # a protocol error counts as a failed call, the run goes on
                    report["errors"] += 1
                    report["first_error"] = report["first_error"] or f"{name}: {e!r}"
    except Exception as e:
        report["errors"] += 1
        report["first_error"] = report["first_error"] or "connect: " + "".join(
            traceback.format_exception_only(type(e), e)).strip()
    finally:
        await http.aclose()
    return report


async def main() -> None:
    url, calls, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for mode in modes:
        print("MCP-CLIENT " + json.dumps(await asyncio.wait_for(
            run(url, mode, calls), timeout=int(os.environ.get("LAKEGATE_RUN_TIMEOUT_S", "300")))), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
