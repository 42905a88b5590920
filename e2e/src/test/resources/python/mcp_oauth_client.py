"""Signs in to Lakegate with the official Python MCP SDK's OAuthClientProvider, once per requested mode, then calls tools.

Usage: python mcp_oauth_client.py <mcp-url> <calls> <browser-url> <mode> [<mode> ...]
Each mode starts from nothing (empty token storage), as a fresh install of an app would: the provider meets the 401,
discovers the authorization server, registers, and hands the authorization URL to its redirect_handler, which gives it
to the test's browser (<browser-url>); the browser walks the consent and identity provider pages and answers with the
redirect back to the client, which the callback_handler hands to the provider (code, state, iss).
Prints one line per mode: MCP-CLIENT {"mode", "protocol", "sign_ins", "tools", "ok", "errors", "first_error", "seconds"}.
"""
import asyncio
import json
import sys
import time
import traceback
import urllib.request
from urllib.parse import parse_qs, urlparse

import anyio
import httpx2
from mcp import Client
from mcp.client.auth import AuthorizationCodeResult, OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

# the browser stops at the redirect to it and hands it back: nothing needs to listen here
REDIRECT_URI = "http://127.0.0.1:9/callback"


class MemoryStorage:
    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


class TestBrowser:
    """redirect_handler / callback_handler pair that uses the test's scripted browser."""

    def __init__(self, open_url: str) -> None:
        self.open_url = open_url
        self.back: str | None = None
        self.sign_ins = 0

    def _open(self, url: str) -> str:
        request = urllib.request.Request(self.open_url, data=url.encode(), method="POST")
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read().decode()

    async def redirect_handler(self, authorization_url: str) -> None:
        self.sign_ins += 1
        self.back = await anyio.to_thread.run_sync(self._open, authorization_url)

    async def callback_handler(self) -> AuthorizationCodeResult:
        params = parse_qs(urlparse(self.back).query)
        if "error" in params:
            raise RuntimeError(f"sign-in failed: {params}")
        return AuthorizationCodeResult(code=params["code"][0], state=params.get("state", [None])[0],
                                       iss=params.get("iss", [None])[0])


async def run(url: str, mode: str, calls: int, open_url: str) -> dict:
    report = {"mode": mode, "protocol": None, "sign_ins": 0, "tools": 0, "ok": 0, "errors": 0, "first_error": None}
    started = time.monotonic()
    browser = TestBrowser(open_url)
    auth = OAuthClientProvider(
        server_url=url,
        client_metadata=OAuthClientMetadata(client_name=f"lakegate-e2e python mcp {mode}", redirect_uris=[REDIRECT_URI],
                                            grant_types=["authorization_code", "refresh_token"],
                                            response_types=["code"], token_endpoint_auth_method="none"),
        storage=MemoryStorage(), redirect_handler=browser.redirect_handler, callback_handler=browser.callback_handler)
    http = httpx2.AsyncClient(auth=auth, timeout=httpx2.Timeout(30.0, read=60.0))
    try:
        async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
            report["protocol"] = client.protocol_version
            tools = await client.list_tools()
            report["tools"] = len(tools.tools)
            names = ["list_catalogs", "list_sql_warehouses", "list_genie_spaces"]
            for i in range(calls):
                name = names[i % len(names)]
                try:
                    result = await client.call_tool(name, {})
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
    report["sign_ins"] = browser.sign_ins
    report["seconds"] = round(time.monotonic() - started, 2)
    return report


async def main() -> None:
    url, calls, open_url, modes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    for mode in modes:
        print("MCP-CLIENT " + json.dumps(await asyncio.wait_for(run(url, mode, calls, open_url), timeout=300)),
              flush=True)


if __name__ == "__main__":
    asyncio.run(main())
