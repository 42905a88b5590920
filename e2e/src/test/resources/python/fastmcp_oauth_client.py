"""Signs in to Lakegate with fastmcp's Client(url, auth="oauth"), then calls tools.

Usage: python fastmcp_oauth_client.py <mcp-url> <calls>
fastmcp's OAuth helper registers, opens the authorization URL with the webbrowser module (the test puts its own
opener in BROWSER, which hands the URL to the test's browser) and waits on its loopback callback server for the
browser to come back with the code. Prints MCP-CLIENT {"mode", "protocol", "tools", "ok", "errors", "first_error",
"seconds"}.
"""
import asyncio
import json
import sys
import time
import traceback

from fastmcp import Client


async def run(url: str, calls: int) -> dict:
    report = {"mode": "default", "protocol": None, "tools": 0, "ok": 0, "errors": 0, "first_error": None}
    started = time.monotonic()
    try:
        async with Client(url, auth="oauth", timeout=60) as client:
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
    report["seconds"] = round(time.monotonic() - started, 2)
    return report


async def main() -> None:
    url, calls = sys.argv[1], int(sys.argv[2])
    print("MCP-CLIENT " + json.dumps(await asyncio.wait_for(run(url, calls), timeout=300)), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
