"""The process answers /healthz as soon as it is up."""

from fastapi.testclient import TestClient

from api.app import create_app


def test_healthz_answers_ok() -> None:
    client = TestClient(create_app())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
