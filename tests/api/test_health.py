"""The process answers /healthz as soon as it is up."""

from fastapi.testclient import TestClient

from api.app import create_app


def test_healthz_answers_ok() -> None:
    client = TestClient(create_app())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_browser_guide_names_the_address_it_was_served_from() -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    client = TestClient(create_app(), base_url="http://127.0.0.1:8123")
    guide = client.get("/guide/calcigraph.md").text
    assert ":style http://127.0.0.1:8123/guide/calcigraph.grass" in guide
    assert "localhost:8000" not in guide
