"""The person page in a real browser (Debian's headless Chromium, driven by Playwright).

Over the demo articles plus one hostile article: reads the partner names, moves the as-of control
until the rumoured split disappears, opens an evidence popup, checks that markup in an article shows
as text and never runs, and saves screenshots under artifacts/.
"""

import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from storyline.model import Article, Claim, Evidence, Extraction, Relation, Status, TimeSpan
from storyline.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = (
    "Mira Dahl and Oskar Lind moved in together in Bergen "
    '<script>window.__xss = 1; alert(1)</script> <b>bold</b> <img src=x onerror="window.__xss = 2">.'
)
RUMOUR = (
    "Mira Dahl and Oskar Lind are rumoured to have split after two years of marriage, "
    "the magazine Weekly Gossip speculated."
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _hostile() -> Extraction:
    """An article whose text is HTML with a script in it, and a claim citing that sentence."""
    article = Article(date(2020, 3, 1), f"{HOSTILE}\n\nMore text.\n", source="hostile.html")
    claim = Claim(
        "Mira Dahl",
        Relation.MOVED_IN,
        "Oskar Lind",
        TimeSpan.of("2020"),
        Status.CONFIRMED,
        Evidence(article.id, HOSTILE, 0, len(HOSTILE) + 2, article.source),
        article.published,
    )
    return Extraction(article=article, claims=(claim,))


def _tova() -> list[Extraction]:
    """Tova Sund: a denial that is the whole article, a rumour with no news since 2020, her mother."""
    said = [
        ("Tova Sund denied she is dating Ivo Brandt.", Relation.DATING, "Ivo Brandt", Status.DENIED, None),
        ("Tova Sund is rumoured to be seeing Lars Vik.", Relation.DATING, "Lars Vik", Status.RUMOURED, None),
        (
            "Ada Sund's daughter Tova was born in 1990.",
            Relation.CHILD_BORN,
            "Tova Sund",
            Status.CONFIRMED,
            "1990",
        ),
    ]
    found = []
    for n, (text, relation, other, status, when) in enumerate(said):
        article = Article(date(2020, 1, 10 + n), text, source=f"tova-{n}.txt")
        subject = "Ada Sund" if relation is Relation.CHILD_BORN else "Tova Sund"
        claim = Claim(
            subject,
            relation,
            other,
            TimeSpan.of(when) if when else None,
            status,
            Evidence(article.id, text, 0, len(text), article.source),
            article.published,
        )
        found.append(Extraction(article=article, claims=(claim,)))
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over a demo database, served by uvicorn in a thread on a free port."""
    import uvicorn

    from storyline.cli import demo_articles
    from storyline.ingest import ingest
    from storyline.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}"
    with open_store(url) as store:
        report = ingest([demo_articles()], store)
        assert report.ok and report.new == 8, report.summary()
        store.add(_hostile())
        for extraction in _tova():
            store.add(extraction)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))  # the OS picks a free port; uvicorn serves on this very socket
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(url), log_level="warning", ws="none", lifespan="on")
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not served.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    served.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture
def problems() -> list[str]:
    """Script errors, failed requests and dialogs the page met; a test removes those it expects."""
    return []


@pytest.fixture
def page(tmp_path: Path, problems: list[str]) -> Iterator[Page]:
    """A page in a fresh Chromium profile; fails the test on any script error, failed load or dialog."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=FLAGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        tab = context.new_page()
        tab.on("pageerror", lambda err: problems.append(f"page error: {err}"))
        tab.on(
            "console", lambda msg: problems.append(f"console: {msg.text}") if msg.type == "error" else None
        )
        tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        yield tab
        context.close()
    assert problems == []


def _ready(page: Page, as_of: str) -> None:
    """Wait until the page shows what was known on `as_of` ("" for everything)."""
    page.wait_for_selector(f'#person[data-state="ready"][data-as-of="{as_of}"]')


def test_the_person_page_replays_what_was_known_and_shows_evidence(server: str, page: Page) -> None:
    page.goto(f"{server}/people/Mira%20Dahl")
    _ready(page, "")
    assert page.locator(".lane-label[data-partner]").all_text_contents() == ["Oskar Lind"]
    assert page.locator("#partners .partner-name").all_text_contents() == []  # split, as known today
    rumoured = page.locator('.fact[data-relation="split"][data-status="rumoured"]')
    expect(rumoured).to_have_count(1)
    expect(page.locator('.fact[data-relation="split"][data-status="confirmed"]')).to_have_count(1)

    # Back through the days articles came out: the rumour is there until before it was published.
    slider = page.locator("#as-of-range")
    slider.focus()
    for as_of, rumour_known in [
        ("2024-11-02", True),
        ("2024-03-25", True),
        ("2024-03-20", True),
        ("2022-09-05", False),
    ]:
        page.keyboard.press("ArrowLeft")
        _ready(page, as_of)
        expect(rumoured).to_have_count(1 if rumour_known else 0)
        expect(page.locator("#as-of-label")).to_contain_text(as_of)
    assert page.url.endswith("?as_of=2022-09-05")
    assert page.locator("#partners .partner-name").all_text_contents() == ["Oskar Lind"]
    expect(page.locator('.fact[data-relation="married"]')).to_have_count(1)

    # Any day, with the date field: the day before the rumour, and the day it came out.
    page.fill("#as-of-date", "2024-03-19")
    _ready(page, "2024-03-19")
    expect(rumoured).to_have_count(0)
    page.fill("#as-of-date", "2024-03-20")
    _ready(page, "2024-03-20")
    expect(rumoured).to_have_count(1)
    expect(page.locator(".denial")).to_have_count(0)  # the denial came five days later
    page.fill("#as-of-date", "2024-03-25")
    _ready(page, "2024-03-25")
    expect(page.locator(".denial").first).to_be_visible()

    # Hovering the rumour shows its sentence highlighted in its article, with source and date.
    page.click("#as-of-reset")
    _ready(page, "")
    rumoured.locator("circle.mark").hover()
    popup = page.locator("#evidence")
    expect(popup).to_be_visible()
    first = popup.locator(".claim").first
    expect(first.locator("mark")).to_have_text(RUMOUR)
    expect(first.locator(".meta")).to_contain_text("04_dahl-lind-split-rumour.txt")
    expect(first.locator(".meta")).to_contain_text("2024-03-20")
    expect(first.locator(".meta")).to_contain_text("rumoured")
    expect(first.locator(".headline")).to_have_text("Are Mira Dahl and Oskar Lind over?")
    expect(popup.locator(".claim.status-denied")).to_have_count(1)  # and the denial, with its own source
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "person-page.png"), full_page=True)


def test_markup_in_an_article_shows_as_text_and_never_runs(server: str, page: Page) -> None:
    page.goto(f"{server}/people/Mira%20Dahl")
    _ready(page, "")
    moved_in = page.locator('.fact[data-relation="moved_in"]')
    moved_in.locator("circle.mark").hover()
    popup = page.locator("#evidence")
    expect(popup.locator("mark")).to_have_text(HOSTILE)
    assert popup.locator("script, b, img").count() == 0
    # Pinned by a click, the popup stays while the pointer moves to its link.
    moved_in.locator("circle.mark").click()
    popup.get_by_text("open the article").click()
    page.wait_for_url("**/articles/**")
    expect(page.locator("mark#evidence")).to_have_text(HOSTILE)
    assert page.locator("main script, main b, main img").count() == 0
    assert page.evaluate("window.__xss") is None
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "article-page.png"), full_page=True)


def test_a_bad_date_in_the_address_says_so_and_shows_everything(
    server: str, page: Page, problems: list[str]
) -> None:
    page.goto(f"{server}/people/Mira%20Dahl?as_of=2024-02-31")
    _ready(page, "")
    expect(page.locator("#message")).to_contain_text("not a date")
    expect(page.locator(".lane-label[data-partner]")).to_have_text(["Oskar Lind"])
    problems[:] = [p for p in problems if "status of 422" not in p]  # the API's answer to the bad date


def test_denials_stale_rumours_and_births_are_drawn_from_the_persons_side(server: str, page: Page) -> None:
    page.goto(f"{server}/people/Tova%20Sund")
    _ready(page, "")
    # The denial is a struck event on the day it was denied, in the table too; nothing is "unknown".
    expect(page.locator('.fact[data-status="denied"] .strike')).to_have_count(1)
    expect(page.locator(".fact-row.status-denied")).to_have_count(1)
    # The 2020 rumour is shown, faded and marked stale, and is no partner today.
    expect(page.locator(".fact.stale")).to_have_count(1)
    expect(page.locator(".fact-row.stale .stale-note")).to_have_text("stale")
    assert page.locator("#partners .partner-name").all_text_contents() == []
    # Her own birth reads "child of" her mother; on the mother's page it is her child.
    row = page.locator('.fact-row[data-relation="child_born"]')
    expect(row).to_contain_text("child of")
    expect(row).to_contain_text("Ada Sund")
    page.goto(f"{server}/people/Ada%20Sund")
    _ready(page, "")
    row = page.locator('.fact-row[data-relation="child_born"]')
    expect(row).to_contain_text("child born")
    expect(row).to_contain_text("Tova Sund")


def _overlaps(boxes: list[dict[str, float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes)
        if i < j
        and a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


def _label_boxes(page: Page) -> list[dict[str, float]]:
    return page.eval_on_selector_all(
        ".point-label, .lane-label",
        "nodes => nodes.map(n => { const r = n.getBoundingClientRect();"
        " return {x: r.x, y: r.y, width: r.width, height: r.height}; })",
    )


@pytest.mark.parametrize("width", [1400, 400])
def test_the_person_page_fits_the_screen_and_its_labels_never_overlap(
    server: str, page: Page, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/people/Mira%20Dahl")
    _ready(page, "")
    boxes = _label_boxes(page)
    assert len(boxes) >= 3 and _overlaps(boxes) == []
    # Nothing is cut off: the page does not scroll sideways, and the search and the chart are on screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in (".search input", ".search button", "#chart svg", "#as-of-range"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, selector
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"person-page-{width}px.png"), full_page=True)


@pytest.mark.parametrize("width", [1400, 400])
def test_the_home_pages_ask_box_answers(server: str, page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server)
    expect(page.locator("#recent a").first).to_be_visible()
    page.fill("#question", "Who is Mira Dahl married to?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url("**/?question=*")
    expect(page.locator("#answer")).to_contain_text("Oskar Lind")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"home-page-{width}px.png"), full_page=True)


def test_undated_facts_are_drawn_as_undated(server: str, page: Page) -> None:
    page.goto(f"{server}/people/Tova%20Sund")
    _ready(page, "")
    expect(page.locator(".undated-label")).to_have_text("undated")
    undated = page.locator(".fact.undated")
    expect(undated).to_have_count(2)  # the denial and the rumour: no article dates either
    column = page.locator(".undated-rule").bounding_box()
    for n in range(2):
        dot = undated.nth(n).locator("circle").bounding_box()
        assert dot is not None and column is not None and dot["x"] + dot["width"] <= column["x"] + 2
    expect(page.locator('.fact-row[data-relation="dating"]').first).to_contain_text("undated")


def test_the_api_docs_render_locally(server: str, page: Page) -> None:
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=15000)
    assert page.locator(".opblock").count() >= 8
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"), full_page=False)
