"""GraphiQL at `/graphql` that works offline: its assets are served by the app (api/web/vendor/, the published npm
builds of graphiql 3 and React 18), and it opens on a tab per question (api/web/graphiql.js).

strawberry's own GraphiQL page loads its scripts from a CDN, which shows only "Loading..." on a network without
internet (as in many labs and hospitals); this router serves our page instead.
"""

from __future__ import annotations

from functools import cache

from strawberry.fastapi import GraphQLRouter

from api.workbench import WEB


@cache
def graphiql_html() -> str:
    return (WEB / "graphiql.html").read_text()


class OfflineGraphQLRouter(GraphQLRouter):
    """A GraphQLRouter whose IDE page is calcigraph's offline GraphiQL."""

    @property
    def graphql_ide_html(self) -> str:
        return graphiql_html()
