"""Drives Lakegate's /mcp with fastmcp's Client (PyPI `fastmcp`), one connection per requested mode.

Usage: python fastmcp_client.py <mcp-url> <calls> <mode> [<mode> ...]   (bearer in env LAKEGATE_TOKEN)
Prints one JSON line per mode, like mcp_client.py.
"""
import asyncio
import json
import os
import sys
import traceback

from fastmcp import Client


async def run(url: str, mode: str, calls: int) -> dict:
    report = {"mode": mode, "protocol": None, "tools": 0, "ok": 0, "errors": 0, "first_error": None}
    try:
        async with Client(url, auth=os.environ["LAKEGATE_TOKEN"], mode=mode, timeout=60) as client:
            tools = await client.list_tools()
            report["tools"] = len(tools)
            names = ["list_catalogs", "list_sql_warehouses", "list_genie_spaces"]
            for i in range(calls):
                name = names[i % len(names)]
                try:
                    result = await client.call_tool(name, {}, raise_on_error=False)
                    if result.is_error:
                        report["errors"] += 1
                        report["first_error"] = report["first_error"] or f"{name}: {result.content}"
                    else:
                        report["ok"] += 1
                except Exception as e:
                    report["errors"] += 1
                    report["first_error"] = report["first_error"] or f"{name}: {e!r}"
            try:
                report["protocol"] = client.session.protocol_version
            except Exception:
                pass
    except Exception as e:
        report["errors"] += 1
        report["first_error"] = report["first_error"] or "connect: " + "".join(
            traceback.format_exception_only(type(e), e)).strip()
    return report


async def main() -> None:
    url, calls, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for mode in modes:
        print("MCP-CLIENT " + json.dumps(await asyncio.wait_for(run(url, mode, calls), timeout=300)), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
