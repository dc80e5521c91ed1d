"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served from the package: the vendored
bundles under ``static/`` (no CDN, no Google Fonts), so the API documentation opens offline."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
SWAGGER = "/static/swagger-ui"
FAVICON = f"{SWAGGER}/favicon-32x32.png"


def _page(request: Request) -> dict[str, str]:
    return {"openapi_url": request.app.openapi_url, "title": f"{request.app.title}: API"}


@router.api_route("/docs", methods=["GET", "HEAD"])
async def swagger_ui(request: Request) -> HTMLResponse:
    js, css = f"{SWAGGER}/swagger-ui-bundle.js", f"{SWAGGER}/swagger-ui.css"
    return get_swagger_ui_html(
        **_page(request), swagger_js_url=js, swagger_css_url=css, swagger_favicon_url=FAVICON
    )


@router.api_route("/redoc", methods=["GET", "HEAD"])
async def redoc(request: Request) -> HTMLResponse:
    js = "/static/redoc/redoc.standalone.js"
    return get_redoc_html(
        **_page(request), redoc_js_url=js, redoc_favicon_url=FAVICON, with_google_fonts=False
    )
