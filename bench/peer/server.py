"""The benchmark peer: seed 002's stack (Python FastMCP + httpx) serving the same discovery tools as Lakegate.

Built the way seed 002 describes its connector and the way FastMCP documents production HTTP deployment: an ASGI app
from ``FastMCP.http_app()`` (Streamable HTTP at /mcp) served by uvicorn, one ``httpx.AsyncClient`` shared by every call
(connection pooling) opened in the server lifespan, the caller's bearer forwarded to the Databricks REST API.

What it deliberately does not do, so the comparison flatters the peer rather than Lakegate: no SCI filtering, no input
validation beyond FastMCP's schema checks, no audit, rate limit or tracing. It does follow Unity Catalog pagination
exactly like Lakegate (a list ends only when ``next_page_token`` is absent).

Configuration (environment): LAKEGATE_PEER_WORKSPACE_URL (the emulator's base URL), LAKEGATE_PEER_PAGE_SIZE
(``max_results`` per page, default 100 like Lakegate's upstream page size).
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator
from urllib.parse import quote

import httpx
from fastmcp import Context, FastMCP
from fastmcp.exceptions import ToolError
from fastmcp.server.dependencies import get_http_headers
from starlette.requests import Request
from starlette.responses import JSONResponse

WORKSPACE_URL = os.environ["LAKEGATE_PEER_WORKSPACE_URL"].rstrip("/")
PAGE_SIZE = int(os.environ.get("LAKEGATE_PEER_PAGE_SIZE", "100"))
UC = "/api/2.1/unity-catalog"
# Every page of a listing is bounded: a server that keeps returning tokens cannot keep a tool call alive forever.
MAX_PAGES = 1000


@asynccontextmanager
async def lifespan(server: FastMCP) -> AsyncIterator[dict[str, Any]]:
    # One pooled client for the whole process; keep-alive sized for the benchmark's 64 concurrent sessions.
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=WORKSPACE_URL, limits=limits, timeout=httpx.Timeout(30.0)) as client:
        yield {"databricks": client}


mcp = FastMCP("lakegate-bench-peer", lifespan=lifespan)


def _client(ctx: Context) -> httpx.AsyncClient:
    return ctx.lifespan_context["databricks"]


def _bearer() -> dict[str, str]:
    authorization = get_http_headers(include={"authorization"}).get("authorization")
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ToolError("missing bearer token")
    return {"Authorization": authorization}


async def _get(ctx: Context, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await _client(ctx).get(path, params=params, headers=_bearer())
    if response.status_code >= 400:
        try:
            body = response.json()
            detail = f"{body.get('error_code', '')}: {body.get('message', '')}"
        except ValueError:
            detail = response.reason_phrase
        raise ToolError(f"Databricks returned HTTP {response.status_code} {detail}")
    return response.json()


async def _paged(ctx: Context, path: str, params: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    token: str | None = None
    for _ in range(MAX_PAGES):
        page_params = dict(params, max_results=PAGE_SIZE)
        if token:
            page_params["page_token"] = token
        page = await _get(ctx, path, page_params)
        items.extend(page.get(key) or [])
        token = page.get("next_page_token")
        if not token:
            return items
    raise ToolError(f"listing {path} did not end after {MAX_PAGES} pages")


@mcp.tool
async def list_catalogs(ctx: Context) -> dict[str, Any]:
    """List the Unity Catalog catalogs the caller can see (name, catalog_type, comment, owner)."""
    catalogs = await _paged(ctx, f"{UC}/catalogs", {}, "catalogs")
    return {"catalogs": [{"name": c.get("name"), "catalog_type": c.get("catalog_type"), "comment": c.get("comment"),
                          "owner": c.get("owner")} for c in catalogs]}


@mcp.tool
async def list_tables(catalog_name: str, schema_name: str, ctx: Context) -> dict[str, Any]:
    """List the tables and views of one Unity Catalog schema (name, full_name, table_type, comment)."""
    tables = await _paged(ctx, f"{UC}/tables", {"catalog_name": catalog_name, "schema_name": schema_name,
                                                "omit_columns": "true", "omit_properties": "true"}, "tables")
    return {"catalog_name": catalog_name, "schema_name": schema_name,
            "tables": [{"name": t.get("name"), "full_name": t.get("full_name"), "table_type": t.get("table_type"),
                        "comment": t.get("comment")} for t in tables]}


@mcp.tool
async def get_table(full_name: str, ctx: Context) -> dict[str, Any]:
    """Describe one table or view: name, full_name, table_type, data_source_format, comment, owner and columns."""
    t = await _get(ctx, f"{UC}/tables/{quote(full_name, safe='')}")
    columns = [{"name": c.get("name"), "type_text": c.get("type_text"), "nullable": c.get("nullable"),
                "comment": c.get("comment"), "partition_index": c.get("partition_index")}
               for c in t.get("columns") or []]
    return {"name": t.get("name"), "full_name": t.get("full_name"), "table_type": t.get("table_type"),
            "data_source_format": t.get("data_source_format"), "comment": t.get("comment"), "owner": t.get("owner"),
            "columns": columns}


@mcp.tool
async def search_tables(query: str, ctx: Context, catalog_name: str | None = None) -> dict[str, Any]:
    """Find tables by name: `query` is a substring of the table name, or a SQL LIKE pattern when it contains %.

    Searches `catalog_name` if given, else every catalog the user can see, one after the other.
    """
    pattern = query if "%" in query else f"%{query}%"
    if catalog_name:
        catalogs = [catalog_name]
    else:
        catalogs = [c["name"] for c in await _paged(ctx, f"{UC}/catalogs", {}, "catalogs")]
    hits: list[dict[str, Any]] = []
    for catalog in catalogs:
        tables = await _paged(ctx, f"{UC}/table-summaries", {"catalog_name": catalog, "schema_name_pattern": "%",
                                                             "table_name_pattern": pattern}, "tables")
        hits.extend({"full_name": t.get("full_name"), "table_type": t.get("table_type")} for t in tables)
    return {"pattern": pattern, "tables": hits}


@mcp.custom_route("/health", methods=["GET"])
async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "healthy"})


# ASGI entry point for uvicorn: `uvicorn server:app`
app = mcp.http_app()
