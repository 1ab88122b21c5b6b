"""The workbench at `/`, in a real headless Chromium (Debian's chromium and chromium-driver) against a real uvicorn
server on the shipped data: it loads with no request leaving 127.0.0.1, each question runs from its form and renders
the API's rows, the CSV download is the table, and a shared link asks the same question again. Screenshots go to
out/screenshots/ (git-ignored; docs/workbench.md shows them)."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from api.app import create_app
from graph.memory_store import MemoryStore
from graph.neo4j_server import free_port
from graph.paths import PROJECT_ROOT

SHOTS = PROJECT_ROOT / "out" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def base_url(memory_store: MemoryStore) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(memory_store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    assert Path(CHROMIUM).exists() and Path(DRIVER).exists(), (
        "Chromium is missing: `make system-deps` installs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1500,1100", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(30)
    yield driver
    driver.quit()


def graphql(base_url: str, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    body = {"query": query, "variables": variables or {}}
    request = urllib.request.Request(f"{base_url}/graphql", data=json.dumps(body).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["data"]


def answered(browser: webdriver.Chrome) -> str:
    WebDriverWait(browser, 30).until(
        lambda b: "answer" in b.find_element(By.ID, "summary").text or b.find_element(By.ID, "error").is_displayed())
    return browser.find_element(By.ID, "summary").text


def ask(browser: webdriver.Chrome, base_url: str, path: str) -> list[list[Any]]:
    browser.get(f"{base_url}{path}")
    WebDriverWait(browser, 30).until(lambda b: b.find_element(By.CSS_SELECTOR, "button.run"))
    browser.find_element(By.CSS_SELECTOR, "button.run").click()
    answered(browser)
    return browser.execute_script("return window.calcigraph.rows()")


def shoot(browser: webdriver.Chrome, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / f"{name}.png"))


def test_the_workbench_loads_with_no_request_leaving_127_0_0_1(browser: webdriver.Chrome, base_url: str) -> None:
    browser.get(f"{base_url}/")
    WebDriverWait(browser, 30).until(lambda b: b.execute_script(
        "return document.getElementById('list-Disease').children.length > 0"))
    requested = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name))")
    assert requested and all(url.startswith(base_url) for url in requested), requested
    assert len(browser.find_elements(By.CSS_SELECTOR, "#questions button")) >= 6


def test_the_flagship_runs_from_its_form_and_shows_the_apis_answer(browser: webdriver.Chrome, base_url: str) -> None:
    rows = ask(browser, base_url, "/?q=inhibitors")
    expected = graphql(base_url, "{ inhibitorsWithoutHarm { agent { name } verdict } }")["inhibitorsWithoutHarm"]
    assert [(r[0], r[1]) for r in rows] == [(a["agent"]["name"], a["verdict"].lower().replace("_", " "))
                                           for a in expected]
    assert all(r[1] in ("benefit", "no harm", "no data") for r in rows)
    browser.find_element(By.CSS_SELECTOR, "button.more").click()
    detail = browser.find_element(By.CSS_SELECTOR, "tr.detail:not([hidden])").text
    assert "Why" in detail and "Qualifying evidence" in detail
    shoot(browser, "workbench-flagship")


def test_the_csv_download_is_exactly_the_table(browser: webdriver.Chrome, base_url: str) -> None:
    ask(browser, base_url, "/?q=inhibitors&includeHarmed=1&disease=acquired-ho")
    header = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results thead th[data-i]")]
    body = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")[1:]]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr.row")]
    lines = browser.execute_script("return window.calcigraph.csv()").splitlines()
    assert lines[0].split(",") == header
    assert len(lines) - 1 == len(body) > 0
    import csv as csv_module

    assert list(csv_module.reader(lines[1:])) == body
    assert any(row[1] in ("harm", "conflicting") for row in body)


def test_sorting_by_a_column_reorders_the_table(browser: webdriver.Chrome, base_url: str) -> None:
    ask(browser, base_url, "/?q=inhibitors&includeHarmed=1")
    browser.find_element(By.CSS_SELECTOR, "#results thead th[data-i='0']").click()
    names = [r[0] for r in browser.execute_script("return window.calcigraph.rows()")]
    assert names == sorted(names, key=str.casefold) or names == sorted(names)


@pytest.mark.parametrize("question", ["studiedIn", "actingOn", "gaps", "phase", "dual", "mechanismPaths", "paths",
                                      "profile"])
def test_every_question_runs_from_its_form(browser: webdriver.Chrome, base_url: str, question: str) -> None:
    rows = ask(browser, base_url, f"/?q={question}")
    assert rows, f"{question} rendered no rows"
    assert not browser.find_element(By.ID, "error").is_displayed()
    # the rows are the API's answer to the document the page sent, one row per answer item, in the API's order
    sent = browser.execute_script("return window.calcigraph.request()")
    root = browser.execute_script(f"return window.calcigraph.questions['{question}'].root")
    assert json.loads(browser.execute_script("return window.calcigraph.json()")) == \
        graphql(base_url, sent["query"], sent["variables"])[root]
    shoot(browser, f"workbench-{question}")


def test_a_path_answer_draws_each_path_with_arrows_coloured_by_effect(browser: webdriver.Chrome,
                                                                     base_url: str) -> None:
    rows = ask(browser, base_url, "/?q=mechanismPaths&agent=palovarotene&to=heterotopic-ossification")
    assert rows
    browser.find_element(By.CSS_SELECTOR, "button.more").click()
    figure = browser.find_element(By.CSS_SELECTOR, "tr.detail:not([hidden]) figure.path svg")
    answer = graphql(base_url, '{ mechanismPaths(agent: "palovarotene", to: "heterotopic-ossification") '
                               "{ nodes { id } relationships { direction } } }")["mechanismPaths"][0]
    circles = figure.find_elements(By.TAG_NAME, "circle")
    assert len(circles) == len(answer["nodes"])
    assert circles[0].get_attribute("fill") == "#d62728"  # the agent, in the figures' agent colour
    assert len(figure.find_elements(By.TAG_NAME, "line")) == len(answer["relationships"])
    titles = [t.get_attribute("textContent") for t in figure.find_elements(By.TAG_NAME, "title")]
    assert all(any(n["id"] in t for t in titles) for n in answer["nodes"])
    if any(r["direction"] == "inhibits" for r in answer["relationships"]):
        assert any(line.get_attribute("stroke") == "#c0392b" for line in figure.find_elements(By.TAG_NAME, "line"))
    shoot(browser, "workbench-path-picture")


def test_a_shared_link_asks_the_same_question_again(browser: webdriver.Chrome, base_url: str) -> None:
    first = ask(browser, base_url, "/?q=studiedIn&disease=fop")
    link = browser.current_url
    assert "disease=fop" in link
    browser.get(link)
    answered(browser)
    assert browser.execute_script("return window.calcigraph.rows()") == first


def test_a_wrong_id_shows_the_error_naming_its_argument(browser: webdriver.Chrome, base_url: str) -> None:
    browser.get(f"{base_url}/?q=studiedIn&disease=no-such-disease")
    answered(browser)
    error = browser.find_element(By.ID, "error")
    assert error.is_displayed() and error.text.startswith("disease:")


def test_the_pages_and_assets_reference_no_external_host(base_url: str) -> None:
    for path in ("/", "/workbench/app.js", "/workbench/app.css"):
        with urllib.request.urlopen(f"{base_url}{path}", timeout=30) as response:
            text = response.read().decode()
        assert "http://" not in text and "https://" not in text, path


def test_graphiql_works_offline_and_opens_on_a_tab_per_question(browser: webdriver.Chrome, base_url: str) -> None:
    browser.get(f"{base_url}/graphql")
    WebDriverWait(browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".graphiql-execute-button"))
    tabs = [t.text for t in browser.find_elements(By.CSS_SELECTOR, ".graphiql-tab")]
    assert "InhibitorsWithoutBoneHarm" in " ".join(tabs) and len(tabs) >= 8
    browser.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()
    WebDriverWait(browser, 30).until(
        lambda b: "inhibitorsWithoutHarm" in b.find_element(By.CSS_SELECTOR, ".result-window").text)
    requested = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert requested and all(url.startswith(base_url) for url in requested), requested
    shoot(browser, "graphiql")
