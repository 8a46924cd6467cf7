"""`storyline mcp` through the official SDK's own client, over stdio, as an agent would use it."""

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import bundle
from storyline.mcp_server import TOOLS
from storyline.model import Article, Claim
from storyline.store import open_store

STORYLINE = Path(sys.executable).parent / "storyline"
ARTICLES = Path(__file__).parent / "articles"
VANE_ROE = "01_vane-roe.txt"  # a fictional article shaped like the canonical example


def _session[T](url: str, use: Callable[[ClientSession], Awaitable[T]]) -> T:
    """Start `storyline mcp --db URL` as an agent's client does, and run `use` in a session with it."""

    async def run() -> T:
        server = StdioServerParameters(command=str(STORYLINE), args=["mcp", "--db", url])
        async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            return await use(session)

    return asyncio.run(run())


@pytest.fixture
def db(tmp_path: Path, article: Callable[..., Article], claim: Callable[..., Claim]) -> str:
    url = f"sqlite:///{tmp_path}/mcp.db"
    sentence = "Mira Dahl and Oskar Lind have been dating since 2019, the couple said."
    with open_store(url) as store:
        store.add(
            bundle(
                article(sentence, "2021-05-01", source="dahl-lind.txt"),
                [
                    claim(
                        "Mira Dahl",
                        "dating",
                        "Oskar Lind",
                        when="2019",
                        known="2021-05-01",
                        sentence=sentence,
                        source="dahl-lind.txt",
                    )
                ],
            )
        )
        denial = "A spokesman denied that Mira Dahl and Oskar Lind had split."
        store.add(
            bundle(
                article(denial, "2022-02-01", source="denial.txt"),
                [
                    claim(
                        "Mira Dahl",
                        "split",
                        "Oskar Lind",
                        status="denied",
                        known="2022-02-01",
                        sentence=denial,
                        source="denial.txt",
                    )
                ],
            )
        )
    return url


def _structured(result: Any) -> Any:
    assert not result.is_error, result.content
    return result.structured_content


def test_the_sdk_client_lists_the_six_read_only_tools(db: str) -> None:
    async def use(session: ClientSession) -> Any:
        return (await session.list_tools()).tools

    tools = _session(db, use)
    assert sorted(t.name for t in tools) == sorted(TOOLS)
    for tool in tools:
        assert tool.description and tool.annotations and tool.annotations.read_only_hint, tool.name
        assert tool.output_schema, tool.name  # structured content, with its fields
    partners = next(t for t in tools if t.name == "partners")
    assert set(partners.input_schema["properties"]) == {"name", "at", "as_of"}


def test_partners_timeline_ask_sources_and_conflicts_answer_with_evidence(db: str) -> None:
    async def use(session: ClientSession) -> dict[str, Any]:
        calls = {
            "search_people": {"query": "dahl"},
            "partners": {"name": "mira dahl", "at": "2021", "as_of": "May 2021"},
            "timeline": {"name": "Oskar Lind"},
            "ask": {"question": "Who is Mira Dahl dating?", "as_of": "2021-06-01"},
            "sources": {"name": "Mira Dahl", "with": "Oskar Lind", "relation": "dating"},
            "conflicts": {"name": "Mira Dahl"},
        }
        return {name: _structured(await session.call_tool(name, args)) for name, args in calls.items()}

    found = _session(db, use)
    assert found["search_people"]["result"] == ["Mira Dahl"]
    (partner,) = found["partners"]["result"]
    assert (partner["name"], partner["phase"], partner["since"]) == ("Oskar Lind", "dating", "2019")
    assert partner["sources"] == ["dahl-lind.txt"]
    assert partner["evidence"][0]["sentence"].startswith("Mira Dahl and Oskar Lind have been dating")
    timeline = found["timeline"]["result"]
    assert [(e["relation"], e["with"], e["status"]) for e in timeline] == [
        ("dating", "Mira Dahl", "confirmed"),
        ("split", "Mira Dahl", "denied"),
    ]
    assert found["ask"]["known"] is True and "Oskar Lind" in found["ask"]["answer"]
    assert found["sources"]["result"][0]["claims"][0]["source"] == "dahl-lind.txt"
    assert found["conflicts"]["result"] == [] or found["conflicts"]["result"][0]["sides"]


def test_an_unknown_name_or_a_bad_date_is_a_tool_error_saying_what_to_try(db: str) -> None:
    async def use(session: ClientSession) -> list[Any]:
        return [
            await session.call_tool("timeline", {"name": "Mira Dal"}),
            await session.call_tool("partners", {"name": "Mira Dahl", "at": "soonish"}),
        ]

    unknown, bad_date = _session(db, use)
    assert unknown.is_error and "did you mean Mira Dahl" in unknown.content[0].text
    assert bad_date.is_error and "is not a date" in bad_date.content[0].text


def test_a_missing_database_is_refused_before_serving(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from storyline.cli import cli

    result = CliRunner().invoke(cli, ["mcp", "--db", f"sqlite:///{tmp_path}/none.db"])
    assert result.exit_code == 1 and "no database at" in result.output


@pytest.mark.slow
def test_partners_with_evidence_from_a_real_extraction_of_a_fictional_article(tmp_path: Path) -> None:
    from storyline.ingest import ingest

    path = ARTICLES / VANE_ROE
    url = f"sqlite:///{tmp_path}/vane.db"
    with open_store(url) as store:
        assert ingest([path], store).ok

    async def use(session: ClientSession) -> Any:
        tools = {t.name for t in (await session.list_tools()).tools}
        assert tools == set(TOOLS)
        return _structured(
            await session.call_tool("partners", {"name": "Lena Vane", "at": "2021-06", "as_of": "2023-05-14"})
        )

    (partner,) = _session(url, use)["result"]
    assert partner["name"] == "Tobias Roe" and partner["phase"] in ("engaged", "dating")
    assert partner["sources"] == [VANE_ROE]
    assert partner["evidence"] and all(e["sentence"] and e["source"] == VANE_ROE for e in partner["evidence"])
