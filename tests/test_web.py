"""The HTTP API and pages, in-process through httpx.ASGITransport over a store of hand-made claims."""

import asyncio
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Any
from urllib.parse import quote

import httpx
import pytest

import storyline.web
from conftest import bundle
from storyline.model import Article, Claim, Extraction
from storyline.query import partners, timeline
from storyline.store import Store
from storyline.web import create_app

XSS = '<script>window.__xss = 1; alert(1)</script> and <b onmouseover="alert(2)">bold</b>'
ODD_NAME = 'Zoë <img src=x onerror="alert(3)">'


class Client:
    """A synchronous face on httpx's ASGI transport: one event loop per request is plenty here."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def _cited(extraction: Extraction) -> Extraction:
    """The extraction with each claim's span set to where its sentence is in the article text."""
    text = extraction.article.text
    claims = []
    for claim in extraction.claims:
        start = text.index(claim.evidence.sentence)
        evidence = replace(claim.evidence, start=start, end=start + len(claim.evidence.sentence) + 1)
        claims.append(replace(claim, evidence=evidence))
    return replace(extraction, claims=tuple(claims))


@pytest.fixture
def couple(store: Store, article: Callable[..., Article], claim: Callable[..., Claim]) -> Store:
    """Ann Cole and Ben Hart: dating, engaged, a rumoured split and its denial, a move-in in HTML."""
    stories: list[tuple[str, str, str, list[Claim]]] = []
    for published, source, sentence, relation, extra in [
        (
            "2018-03-01",
            "a.txt",
            "Ann Cole and Ben Hart have been dating since 2017.",
            "dating",
            {"when": "2017"},
        ),
        ("2022-03-01", "b.txt", "Ben Hart proposed to Ann Cole in February.", "engaged", {"when": "2022-02"}),
        (
            "2024-03-20",
            "c.txt",
            "Ann Cole and Ben Hart are rumoured to have split, Weekly Gossip said.",
            "split",
            {"when": "..2024-03-20", "status": "rumoured"},
        ),
        (
            "2024-03-25",
            "d.txt",
            "A spokesperson denied that Ann Cole and Ben Hart have split.",
            "split",
            {"when": "..2024-03-20", "status": "denied"},
        ),
        (
            "2020-05-01",
            "e.txt",
            f"Ann Cole moved in with Ben Hart in 2020 {XSS}.",
            "moved_in",
            {"when": "2020"},
        ),
    ]:
        made = claim(
            "Ann Cole", relation, "Ben Hart", known=published, source=source, sentence=sentence, **extra
        )
        stories.append((published, source, f"Headline {source}\n\nIntro.\n\n{sentence}\n\nMore.\n", [made]))
    stories.append(
        ("2021-01-01", "f.txt", f"{ODD_NAME} married Cy Hill. Cy Hill starred in Northern Lights.\n", [
            claim("Cy Hill", "acted_in", "Northern Lights", when="2019", known="2021-01-01", source="f.txt",
                  sentence="Cy Hill starred in Northern Lights."),
            claim(ODD_NAME, "married", "Cy Hill", when="2020", known="2021-01-01", source="f.txt",
                  sentence=f"{ODD_NAME} married Cy Hill."),
        ])
    )  # fmt: skip
    for published, source, text, claims in stories:
        store.add(_cited(bundle(article(text, published, source=source), claims)))
    return store


@pytest.fixture
def web(couple: Store) -> Client:
    return Client(create_app(couple))


@pytest.fixture
def writable(couple: Store) -> Client:
    return Client(create_app(couple, token="s3cret"))


ANN = "/api/people/Ann%20Cole"
STATIC = sorted(f"/static/{p.name}" for p in resources.files("storyline.web").joinpath("static").iterdir())


# -- search -----------------------------------------------------------------------------------------


def test_search_people_json_and_page(web: Client) -> None:
    assert web.get("/api/people", params={"q": "cole"}).json() == [
        {"name": "Ann Cole", "page": "/people/Ann%20Cole"}
    ]
    everyone = [p["name"] for p in web.get("/api/people").json()]
    assert everyone[:2] == ["Ann Cole", "Ben Hart"] and "Cy Hill" in everyone
    assert "Northern Lights" not in everyone  # a film, not a person
    assert web.get("/api/people", params={"q": "zzz"}).json() == []
    assert web.get("/api/people", params={"limit": 0}).status_code == 422
    page = web.get("/", params={"q": "hart"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<a href="/people/Ben%20Hart">Ben Hart</a>' in page.text
    assert 'href="/api/people?q=hart"' in page.text  # the JSON twin


# -- a person ----------------------------------------------------------------------------------------


def test_timeline_is_the_cli_json_and_replays_as_of(web: Client, couple: Store) -> None:
    answer = web.get(f"{ANN}/timeline")
    assert answer.status_code == 200
    assert answer.json() == [e.to_json() for e in timeline(couple, "Ann Cole")]
    assert [(e["relation"], e["status"]) for e in answer.json()] == [
        ("dating", "confirmed"), ("moved_in", "confirmed"), ("engaged", "confirmed"), ("split", "rumoured"),
    ]  # fmt: skip
    before = web.get(f"{ANN}/timeline", params={"as_of": "2024-03-19"}).json()
    assert [e["relation"] for e in before] == ["dating", "moved_in", "engaged"]
    disputed = web.get(f"{ANN}/timeline", params={"as_of": "2024-03-25"}).json()[-1]["disputed"]
    assert [(d["status"], d["sources"]) for d in disputed] == [("denied", ["d.txt"])]


def test_partners_at_and_as_of(web: Client, couple: Store) -> None:
    params = {"at": "2023-01-01", "as_of": "2023-01-01"}
    answer = web.get(f"{ANN}/partners", params=params).json()
    assert answer == [
        p.to_json() for p in partners(couple, "Ann Cole", at=date(2023, 1, 1), as_of=date(2023, 1, 1))
    ]
    assert [(p["name"], p["phase"], p["since"]) for p in answer] == [("Ben Hart", "engaged", "2022-02")]
    assert web.get(f"{ANN}/partners", params={"at": "2016-06-01", "as_of": "2024-12-31"}).json() == []


def test_person_twin_carries_each_facts_evidence(web: Client, couple: Store) -> None:
    data = web.get(ANN, params={"as_of": "2024-03-25"}).json()
    assert (data["name"], data["as_of"], data["partners_at"]) == ("Ann Cole", "2024-03-25", "2024-03-25")
    # The replay stops are every publication day, whatever the as-of date.
    assert data["known_dates"] == ["2018-03-01", "2020-05-01", "2022-03-01", "2024-03-20", "2024-03-25"]
    assert [p["name"] for p in data["partners"]] == ["Ben Hart"]
    entries = data["entries"]
    assert [{k: v for k, v in e.items() if k not in ("range", "claims", "undated")} for e in entries] == [
        e.to_json() for e in timeline(couple, "Ann Cole", as_of=date(2024, 3, 25))
    ]
    assert entries[0]["range"] == {"from": "2017-01-01", "to": None}  # dating, still under way
    split = entries[-1]
    assert split["range"] == {"from": None, "to": "2024-03-20"}
    assert [(c["status"], c["source"], c["published"]) for c in split["claims"]] == [
        ("rumoured", "c.txt", "2024-03-20"), ("denied", "d.txt", "2024-03-25"),
    ]  # fmt: skip
    for claim in split["claims"]:
        text = web.get(f"/api/articles/{claim['article']}").json()["text"]
        start, end = claim["span"]
        assert text[start:end].strip() == claim["sentence"]
        assert claim["headline"] == f"Headline {claim['source']}"


@pytest.mark.parametrize("path", ["", "/timeline", "/partners"])
def test_an_unknown_person_is_a_404_with_suggestions(web: Client, path: str) -> None:
    answer = web.get(f"/api/people/Ann%20Colt{path}")
    assert answer.status_code == 404 and answer.headers["content-type"] == "application/json"
    assert "no one called 'Ann Colt'" in answer.json()["detail"]
    assert answer.json()["suggestions"] == ["Ann Cole"]


def test_an_unknown_persons_page_is_a_404_page_that_suggests(web: Client) -> None:
    page = web.get("/people/Ann%20Colt")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert '<a href="/people/Ann%20Cole">Ann Cole</a>' in page.text
    assert 'href="/api/people/Ann%20Colt"' in page.text  # the JSON twin: the same 404, as JSON


@pytest.mark.parametrize(
    "url",
    [
        f"{ANN}/timeline?as_of=2024-02-31",
        f"{ANN}/timeline?as_of=yesterday",
        f"{ANN}/partners?at=2024-13-01",
        f"{ANN}/partners?as_of=03/20/2024",
        f"{ANN}?as_of=2024-3",
        "/api/conflicts?as_of=soon",
        "/api/ask?q=When%20did%20Ann%20Cole%20get%20engaged%3F&as_of=never",
        "/api/ask",
    ],
)
def test_bad_parameters_are_422_json(web: Client, url: str) -> None:
    answer = web.get(url)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["detail"][0]["loc"][0] == "query"


def test_the_person_page_is_a_shell_over_its_json_twin(web: Client) -> None:
    page = web.get("/people/ann%20cole")  # any spelling finds the person
    assert page.status_code == 200
    assert "<h1>Ann Cole</h1>" in page.text
    assert 'data-api="/api/people/Ann%20Cole"' in page.text
    assert '<script type="module" src="/static/person.js"></script>' in page.text
    for asset in STATIC:
        answer = web.get(asset)
        assert answer.status_code == 200, asset
        if asset.endswith(".js"):  # modules load only with a JavaScript type
            assert answer.headers["content-type"].startswith("text/javascript")


# -- articles ----------------------------------------------------------------------------------------


def test_article_by_id_or_source_as_json_and_page(web: Client) -> None:
    by_source = web.get("/api/articles/b.txt").json()
    assert web.get(f"/api/articles/{by_source['id']}").json() == by_source
    assert by_source["published"] == "2022-03-01" and by_source["headline"] == "Headline b.txt"
    assert set(by_source) == {"id", "published", "title", "headline", "text", "source", "url"}
    start = by_source["text"].index("Ben Hart proposed")
    page = web.get(f"/articles/{by_source['id']}", params={"start": start, "end": start + 43})
    assert page.status_code == 200
    assert '<mark id="evidence">Ben Hart proposed to Ann Cole in February.</mark>' in page.text
    assert web.get("/articles/b.txt", params={"start": -1}).status_code == 422


def test_an_unknown_article_is_a_404(web: Client) -> None:
    answer = web.get("/api/articles/nope.txt")
    assert answer.status_code == 404 and "no article 'nope.txt'" in answer.json()["detail"]
    assert web.get("/articles/nope.txt").status_code == 404


def test_untrusted_text_is_escaped_everywhere(web: Client) -> None:
    data = web.get("/api/articles/e.txt").json()
    assert XSS in data["text"]  # JSON carries the text as it is: it is data, not markup
    page = web.get(f"/articles/{data['id']}").text
    assert "&lt;script&gt;window.__xss = 1; alert(1)&lt;/script&gt;" in page
    assert "<script>window.__xss" not in page and "<b onmouseover" not in page
    # The only script any page loads is our own file.
    assert re.findall(r"<script[^>]*>", page + web.get("/people/Ann%20Cole").text) == [
        '<script type="module" src="/static/person.js">'
    ]
    person = web.get(f"/people/{quote(ODD_NAME, safe='')}").text
    assert "<h1>Zoë &lt;img src=x onerror=&#34;alert(3)&#34;&gt;</h1>" in person
    assert "<img src=x" not in person
    search = web.get("/", params={"q": "<script>alert(4)</script>"}).text
    assert "<script>alert(4)" not in search and "&lt;script&gt;alert(4)&lt;/script&gt;" in search


def test_pages_forbid_inline_scripts_and_need_no_cdn(web: Client) -> None:
    page = web.get("/people/Ann%20Cole")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assets = [web.get(p).text for p in ("/", "/people/Ann%20Cole", "/articles/a.txt", *STATIC)]
    for text in assets:
        # No other origin: the one absolute URL is the SVG namespace, which is a name, not a fetch.
        assert set(re.findall(r"https?://[^\s\"'`)]+", text)) <= {"http://www.w3.org/2000/svg"}
    docs = web.get("/docs")  # Swagger UI, from the package's own files
    assert docs.status_code == 200 and '<script src="/static/swagger/swagger-ui-bundle.js">' in docs.text
    assert set(re.findall(r"https?://[^\s\"'`)]+", docs.text)) == set()
    for asset in (
        "/static/swagger/swagger-ui-bundle.js",
        "/static/swagger/swagger-ui.css",
        "/static/docs.js",
    ):
        assert web.get(asset).status_code == 200, asset


def test_openapi_documents_every_endpoint(web: Client) -> None:
    spec = web.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/people",
        "/api/people/{name}",
        "/api/people/{name}/timeline",
        "/api/people/{name}/partners",
        "/api/ask",
        "/api/conflicts",
        "/api/articles/{key}",
        "/api/articles",
    }
    assert "404" in spec["paths"]["/api/people/{name}/timeline"]["get"]["responses"]
    assert spec["paths"]["/api/people/{name}/partners"]["get"]["parameters"][1]["schema"]["anyOf"][0] == {
        "type": "string",
        "format": "date",
    }


# -- ask and conflicts ---------------------------------------------------------------------------------


def test_ask(web: Client) -> None:
    answer = web.get("/api/ask", params={"q": "When did Ann Cole and Ben Hart get engaged?"})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert set(data) == {"question", "known", "answer", "facts"}
    assert data["known"] is True and "2022" in data["answer"]
    before = web.get(
        "/api/ask", params={"q": "When did Ann Cole and Ben Hart get engaged?", "as_of": "2019-01-01"}
    )
    assert before.json()["known"] is False


def test_conflicts(web: Client) -> None:
    answer = web.get("/api/conflicts")
    assert answer.status_code == 200, answer.text
    assert len(answer.json()) >= 1  # the rumoured split and its denial
    assert web.get("/api/conflicts", params={"as_of": "2024-03-21"}).json() == []


# -- ingesting over HTTP -----------------------------------------------------------------------------

SEED = "date 2024-06-01\nAnn Cole and Ben Hart married in May, the couple said.\n"


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Extraction without the model: each article yields no claims; the names of those seen."""
    # The module, not the function `storyline.ingest` of the public API.
    ingest_module = importlib.import_module("storyline.ingest")
    seen: list[str] = []

    def fake(articles: Any, workers: int = 1) -> Iterator[Extraction]:
        for item in articles:
            seen.append(item.source)
            yield Extraction(article=item)

    monkeypatch.setattr(ingest_module, "extract_articles", fake)
    return seen


def test_ingest_is_refused_without_a_configured_token(web: Client) -> None:
    answer = web.post("/api/articles", content=SEED, headers={"Authorization": "Bearer anything"})
    assert answer.status_code == 403 and "read-only" in answer.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "s3cret"])
def test_ingest_needs_the_right_token(writable: Client, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    answer = writable.post("/api/articles", content=SEED, headers=headers)
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"


def test_ingest_with_the_token_goes_through_ingest(writable: Client, no_model: list[str]) -> None:
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "text/plain"}
    first = writable.post("/api/articles", content=SEED, headers=auth, params={"source": "../../etc/w.txt"})
    assert first.status_code == 201, first.text
    assert first.json()["new"] is True and first.json()["errors"] == []
    assert no_model == ["w.txt"]  # the client's name, stripped of any path
    stored = writable.get(f"/api/articles/{first.json()['article']}").json()
    assert (stored["source"], stored["published"]) == ("w.txt", "2024-06-01")
    again = writable.post("/api/articles", content=SEED, headers=auth)
    assert again.status_code == 200 and again.json()["new"] is False
    record = {
        "published": "2024-07-01",
        "text": "Ann Cole and Ben Hart moved to Oslo.",
        "url": "https://x.test/a",
    }
    as_json = writable.post("/api/articles", json=record, headers={"Authorization": "Bearer s3cret"})
    assert as_json.status_code == 201, as_json.text
    assert writable.get(f"/api/articles/{as_json.json()['article']}").json()["source"] == "https://x.test/a"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("Ann Cole married Ben Hart.", "no date line"),
        ("date 2024-02-31\nAnn Cole married Ben Hart.", "not a day on the calendar"),
        ('{"published": "2024-01-01"', "broken JSON"),
    ],
)
def test_ingest_of_a_bad_article_is_a_422_naming_the_problem(
    writable: Client, no_model: list[str], body: str, problem: str
) -> None:
    kind = "application/json" if body.startswith("{") else "text/plain"
    answer = writable.post(
        "/api/articles", content=body, headers={"Authorization": "Bearer s3cret", "Content-Type": kind}
    )
    assert answer.status_code == 422
    assert problem in answer.json()["errors"][0] and "storyline-upload" not in answer.json()["errors"][0]
    assert no_model == []


def test_create_app_opens_a_store_by_url(tmp_path: Any, couple: Store) -> None:
    web = Client(create_app(f"sqlite:///{tmp_path}/empty.db"))
    assert web.get("/api/people").json() == []
    assert "No one" in web.get("/").text


def test_the_serve_command_serves_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import storyline.web
    from storyline.cli import cli

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(storyline.web, "serve", lambda *a, **k: calls.append((*a, *k.values())))
    monkeypatch.setenv("STORYLINE_TOKEN", "t0ken")
    monkeypatch.setenv("STORYLINE_STALE_MONTHS", "18")
    result = CliRunner().invoke(cli, ["serve", "--db", "sqlite:///x.db", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "at http://127.0.0.1:8123/" in result.output and "ingest allowed" in result.output
    assert calls == [("sqlite:///x.db", "127.0.0.1", 8123, "t0ken", 18)]


def test_the_staleness_setting_reaches_every_answer(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    rumour = claim("Ann Cole", "dating", "Ben Hart", status="rumoured", known="2022-05-01", source="r.txt")
    store.add(
        bundle(article("Ann Cole is rumoured to date Ben Hart.", "2022-05-01", source="r.txt"), [rumour])
    )
    partners_url = f"{ANN}/partners?at=2024-06-01&as_of=2024-06-01"
    default, lenient = Client(create_app(store)), Client(create_app(store, stale_months=36))
    assert default.get(partners_url).json() == []
    assert [p["name"] for p in lenient.get(partners_url).json()] == ["Ben Hart"]
    assert default.get(f"{ANN}/timeline").json()[0]["stale"] is True
    assert lenient.get(f"{ANN}/timeline?as_of=2024-06-01").json()[0]["stale"] is False
    answer = default.get("/api/ask", params={"q": "Who is Ann Cole dating?", "as_of": "2024-06-01"}).json()
    assert answer["known"] is False and "rumoured" in answer["answer"]


# -- hostile requests: the limits every request is held to ------------------------------------------


def test_a_name_holding_a_slash_has_a_reachable_page(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    name = "Jo Ray/Lee"
    store.add(
        bundle(article(f"{name} married Cy Hill.", source="s.txt"), [claim(name, "married", "Cy Hill")])
    )
    web = Client(create_app(store))
    found = web.get("/api/people", params={"q": "ray"}).json()
    assert found == [{"name": name, "page": "/people/Jo%20Ray%2FLee"}]
    assert web.get(found[0]["page"]).status_code == 200
    assert web.get("/api/people/Jo%20Ray%2FLee").json()["name"] == name
    assert web.get("/api/people/Jo%20Ray%2FLee/timeline").json()[0]["with"] == "Cy Hill"
    assert web.get("/api/people/Jo%20Ray%2FLee/partners?at=2024-06-01").json()[0]["name"] == "Cy Hill"


def test_a_server_on_loopback_answers_only_its_own_names(couple: Store) -> None:
    web = Client(create_app(couple, allowed_hosts=["127.0.0.1", "localhost", "::1"]))
    rebound = web.get("/api/people")  # Host: testserver, as a rebinding attacker's domain would be
    assert rebound.status_code == 400 and "does not answer for the host" in rebound.json()["detail"]
    assert rebound.headers["content-security-policy"].startswith("default-src 'self'")
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000", "LOCALHOST:80"):
        assert web.get("/api/people", headers={"Host": host}).status_code == 200, host
    assert web.get("/api/people", headers={"Host": "evil.example:8000"}).status_code == 400


def test_serve_checks_hosts_on_loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.web.app import _allowed_hosts

    monkeypatch.delenv("STORYLINE_ALLOWED_HOSTS", raising=False)
    assert sorted(_allowed_hosts("127.0.0.1") or []) == ["127.0.0.1", "::1", "localhost"]
    assert _allowed_hosts("0.0.0.0") is None
    monkeypatch.setenv("STORYLINE_ALLOWED_HOSTS", "news.example, x.test")
    assert _allowed_hosts("0.0.0.0") == ["news.example", "x.test"]
    assert "news.example" in (_allowed_hosts("localhost") or [])


def test_a_body_over_the_limit_is_refused_before_it_is_read(writable: Client, no_model: list[str]) -> None:
    sent: list[int] = []

    async def body() -> Any:
        for _ in range(100):  # 100 MB, were it all read
            sent.append(1)
            yield b"x" * (1 << 20)

    auth = {"Authorization": "Bearer s3cret", "Content-Type": "text/plain"}
    announced = writable.post(
        "/api/articles", content=body(), headers={**auth, "Content-Length": str(100 << 20)}
    )
    assert announced.status_code == 413 and len(sent) <= 1
    sent.clear()
    unannounced = writable.post("/api/articles", content=body(), headers=auth)  # chunked: no length
    assert unannounced.status_code == 413 and len(sent) <= 7 and no_model == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{"published": "2024-01-01", "text": "Ann Cole \\ud800 married Ben Hart."}', 201),
        (b'{"published": "2024-01-01", "text": "Ann Cole married \\udfff\\ud800 Ben Hart."}', 201),
        (b'{"published": "2024-01-01", "text": "x\\ud8"}', 422),
        (b'{"published": "2024-01-01", "text": ' + b"[" * 5000 + b"]" * 5000 + b"}", 422),
        (b'{"published": "2024-01-01", "n": ' + b"9" * 5000 + b', "text": "x"}', 422),
        (b'{"published": "2024-01-01", "text": "\xff\xfe"}', 422),
        (b"[1, 2", 422),
    ],
)
def test_malformed_json_is_a_422_never_a_500(
    writable: Client, no_model: list[str], body: bytes, status: int
) -> None:
    headers = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
    answer = writable.post("/api/articles", content=body, headers=headers)
    assert answer.status_code == status, answer.text


def test_a_question_over_the_limit_is_a_422(web: Client) -> None:
    answer = web.get("/api/ask", params={"q": "When did " + "a and " * 1000 + "b marry?"})
    assert answer.status_code == 422 and "up to 300" in answer.json()["detail"]


def test_a_slow_request_gets_a_503_and_holds_up_no_other(
    couple: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    import storyline.web.api

    release = threading.Event()

    def slow(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # a question that takes long (it waits for the test to let it go)
        raise AssertionError("its answer goes nowhere")

    monkeypatch.setattr(storyline.web.api, "ask_question", slow)
    app = create_app(couple, time_limit=1.0)
    finished: list[str] = []

    async def both() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:

            async def timed(name: str, url: str) -> httpx.Response:
                answer = await client.get(url)
                finished.append(name)
                return answer

            slow_answer, quick = await asyncio.gather(
                timed("ask", "/api/ask?q=When%20did%20Ann%20marry%3F"),
                timed("timeline", f"{ANN}/timeline"),
            )
            return slow_answer, quick

    started = time.monotonic()
    slow_answer, quick = asyncio.run(both())
    release.set()
    assert quick.status_code == 200 and finished == ["timeline", "ask"]
    assert slow_answer.status_code == 503 and "given up" in slow_answer.json()["detail"]
    assert time.monotonic() - started < 9  # the 503 came at the limit, not when the work ended


def test_serve_with_a_token_file_and_warnings(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from click.testing import CliRunner

    import storyline.web
    from storyline.cli import cli

    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(storyline.web, "serve", lambda *a, **k: calls.append((*a, *k.values())))
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
    (tmp_path / "token").write_text("fr0m-file\n", encoding="utf-8")
    runner = CliRunner()
    from_file = runner.invoke(
        cli, ["serve", "--db", "sqlite:///x.db", "--token-file", str(tmp_path / "token")]
    )
    assert from_file.exit_code == 0 and calls[-1][3] == "fr0m-file" and "warning" not in from_file.output
    visible = runner.invoke(cli, ["serve", "--db", "sqlite:///x.db", "--token", "t0ken"])
    assert visible.exit_code == 0 and "warning: --token shows in the process list" in visible.output
    missing = runner.invoke(cli, ["serve", "--token-file", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "cannot read a token" in missing.output


def test_serving_a_token_on_every_interface_warns(monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    storyline.web.serve("sqlite://:memory:", host="0.0.0.0", token="t0ken")
    assert "token crosses the network in clear text" in caplog.text
    caplog.clear()
    storyline.web.serve("sqlite://:memory:", host="127.0.0.1", token="t0ken")
    assert "clear text" not in caplog.text


def test_the_home_page_answers_its_ask_box_and_lists_recent_people(web: Client) -> None:
    page = web.get("/", params={"question": "When did Ann Cole and Ben Hart get engaged?"})
    assert page.status_code == 200
    assert 'id="answer"' in page.text and "2022" in page.text.split('id="answer"')[1]
    assert 'href="/api/ask?q=When%20did' in page.text  # its JSON twin
    home = web.get("/").text
    assert 'id="recent"' in home and "/people/Ann%20Cole" in home
    assert 'name="question"' in home and 'name="q"' in home


def test_openapi_names_the_fields_of_every_answer(web: Client) -> None:
    spec = web.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert {"with", "when", "status", "evidence", "sources"} <= set(
        schemas["TimelineEntryJSON"]["properties"]
    )
    assert "evidence" in schemas["PartnerJSON"]["properties"]
    answer = spec["paths"]["/api/ask"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/AnswerJSON"}


def test_an_undated_fact_has_no_days_to_draw(
    store: Store, article: Callable[..., Article], claim: Callable[..., Claim]
) -> None:
    met = claim("Ann Cole", "met", "Ben Hart", known="2022-05-01", source="m.txt")
    store.add(bundle(article("Ann Cole met Ben Hart.", "2022-05-01", source="m.txt"), [met]))
    (entry,) = Client(create_app(store)).get(f"{ANN}").json()["entries"]
    assert entry["undated"] is True and entry["range"] == {"from": None, "to": None}
