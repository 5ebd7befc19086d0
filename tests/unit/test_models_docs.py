"""Every Docs API model against Help Scout's own example bodies (tests/fixtures/docs)."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import cattrs
import pytest

from helpscout_async import _convert
from helpscout_async._convert import StructureError, structure, structure_many
from helpscout_async.models import (
    Article,
    ArticleRef,
    ArticleRevision,
    ArticleRevisionRef,
    ArticleSearchResult,
    ArticleStatus,
    CallbackConfiguration,
    DocsAsset,
    DocsCategory,
    DocsCollection,
    DocsPerson,
    DocsVisibility,
    Redirect,
    RedirectedUrl,
    Site,
    SiteRestrictions,
    SiteStatus,
)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "docs"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text())


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_article_get_envelope() -> None:
    article = structure(load("article_get")["article"], Article)
    assert article == Article(
        id="5215163545667acd25394b5c",
        number=121,
        slug="my-article",
        status=ArticleStatus.PUBLISHED,
        has_draft=False,
        name="My Article",
        text="Text of the article goes here.",
        collection_id="5214c77c45667acd25394b51",
        categories=("5214c77d45667acd25394b52",),
        related=("521509f145667acd25394b5b", "521509f145667acd25394b5d"),
        public_url="https://docs.helpscout.net/article/100-my-article",
        popularity=4.3,
        view_count=236,
        created_by=73423,
        updated_by=None,  # an explicit null until the first edit
        created_at=utc(2013, 8, 21, 19, 34, 13),
        updated_at=None,
    )
    assert article.keywords == ()  # absent here: empty, not a crash
    assert article.last_published_at is None


def test_article_object_has_last_published_and_editor() -> None:
    article = structure(load("article_object"), Article)
    assert article.updated_by == 73423
    assert article.last_published_at == utc(2013, 8, 22, 21, 40, 56)
    assert isinstance(article, ArticleRef)


def test_article_ref_ignores_the_text() -> None:
    ref = structure(load("article_object"), ArticleRef)
    assert ref.id == "521632244566c845e582652d"
    assert not hasattr(ref, "text")


def test_article_search_result() -> None:
    hit = structure(load("article_search_object"), ArticleSearchResult)
    assert hit.category_ids == ("5214c77d45667acd25394b52",)
    assert hit.preview == "This is my article."
    assert hit.docs_url == "/docs/5214c77c45667acd25394b51/article/5215163545667acd25394b5c"
    assert hit.visibility is DocsVisibility.PUBLIC
    assert hit.status is ArticleStatus.PUBLISHED
    assert hit.number == 14


def test_asset() -> None:
    asset = structure(load("asset_article_create"), DocsAsset)
    assert asset.filename == "my-file.jpg"
    assert asset.filelink is not None
    assert asset.filelink.endswith("/photo.jpg")
    assert (asset.width, asset.height) == (300, 100)


@pytest.mark.parametrize("name", ["category_get", "category_object"])
def test_category(name: str) -> None:
    body = load(name)
    category = structure(body.get("category", body), DocsCategory)
    assert category.id == "5214c83d45667acd25394b54"
    assert category.collection_id == "5214c83d45667acd25394b53"
    assert category.created_by == 73423
    assert category.updated_by is None
    assert category.updated_at is None
    assert category.created_at == utc(2013, 8, 21, 14, 1, 33)


def test_category_object_extras() -> None:
    category = structure(load("category_object"), DocsCategory)
    assert category.default_sort == "custom"
    assert category.published_article_count == 19
    assert category.description == ""
    assert category.visibility is DocsVisibility.PUBLIC


def test_category_list_envelope() -> None:
    page = load("category_list")["categories"]
    assert (page["page"], page["pages"], page["count"]) == (1, 1, 1)
    [category] = structure_many(page["items"], DocsCategory)
    assert category.number == 113
    assert category.article_count == 0


@pytest.mark.parametrize("name", ["collection_get", "collection_object"])
def test_collection(name: str) -> None:
    body = load(name)
    collection = structure(body.get("collection", body), DocsCollection)
    assert collection == DocsCollection(
        id="5214c83d45667acd25394b53",
        site_id="52404efc4566740003092640",
        number=33,
        slug="my-collection",
        visibility=DocsVisibility.PUBLIC,
        order=1,
        name="My Collection",
        description="Description of my collection",
        public_url="https://my-docs.helpscoutdocs.com/collection/1-test",
        article_count=3,
        published_article_count=1,
        created_by=73423,
        updated_by=73423,
        created_at=utc(2013, 8, 21, 14, 1, 33),
        updated_at=utc(2013, 8, 21, 14, 1, 33),
    )


@pytest.mark.parametrize(("name", "key"), [("redirect_get", "redirect"), ("redirect_list", None)])
def test_redirect_uses_modified_not_updated(name: str, key: str | None) -> None:
    body = load(name)
    data = body[key] if key else body["redirects"]["items"][0]
    redirect = structure(data, Redirect)
    assert redirect.url_mapping == "/old/path/1234"
    assert redirect.document_id == "525217bae4b0cb13e565bb9d"
    assert redirect.type == "article"
    assert redirect.anchor is None
    assert redirect.modified_by == 4577
    assert redirect.modified_at == utc(2016, 5, 19, 17, 26, 25)
    assert redirect.updated_by is None
    assert redirect.updated_at is None


def test_redirect_list_count_is_as_published() -> None:
    page = load("redirect_list")["redirects"]
    assert page["count"] == 4
    assert len(page["items"]) == 1


def test_redirected_url() -> None:
    found = structure(load("redirect_find")["redirectedUrl"], RedirectedUrl)
    assert found == RedirectedUrl(
        type="article",
        redirect="https://docs.helpscout.net/article/488-transfer-account#section-1",
        slug="transfer-account",
        number=488,
        anchor="section-1",
    )


def test_revision_created_by_is_a_person() -> None:
    revision = structure(load("revision_get")["revision"], ArticleRevision)
    assert revision.created_by == DocsPerson(id=73423, first_name="John", last_name="Appleseed")
    assert revision.text == "This is the text of the article."
    assert revision.article_id == "522f918d1ef00a6bca026ca0"
    assert revision.created_at == utc(2013, 9, 11, 21, 20, 42)


def test_revision_list_items_have_no_text() -> None:
    [ref] = structure_many(load("revision_list")["revisions"]["items"], ArticleRevisionRef)
    assert ref.created_by is not None
    assert ref.created_by.first_name == "John"
    assert not isinstance(ref, ArticleRevision)


def test_site() -> None:
    site = structure(load("site_get")["site"], Site)
    assert site.status is SiteStatus.ACTIVE
    assert site.sub_domain == "helpscout"
    assert site.mailbox_id == 968
    assert site.contact_email is None
    assert site.header_code is None
    assert (site.logo_width, site.logo_height) == (174, 40)
    assert site.has_contact_form is True
    assert site.created_by == 29456


@pytest.mark.parametrize("name", ["site_restrictions_get", "site_restrictions_update"])
def test_site_restrictions_unwrapped_and_secret_hidden(name: str) -> None:
    restrictions = structure(load(name), SiteRestrictions)
    assert restrictions.enabled is True
    assert restrictions.authentication == "CALLBACK"
    config = restrictions.callback_configuration
    assert isinstance(config, CallbackConfiguration)
    assert config.sign_in_url == "https://example.com/signin"
    assert config.shared_secret == "xU9z43VrMtqIvnAqgbvUPSNkj/e4e/M5Nw+NIz7Dnjs="
    assert "xU9z" not in repr(restrictions)


def test_unknown_status_is_kept() -> None:
    body = load("article_object")
    body["status"] = "scheduled"
    article = structure(body, Article)
    assert article.status == "scheduled"
    assert not article.status.is_known


def test_bad_id_type_names_the_field() -> None:
    body = load("article_object")
    body["categories"] = "not-a-list"
    with pytest.raises(StructureError) as caught:
        structure(body, Article)
    assert "$.categories" in caught.value.paths


def test_unstructure_round_trip() -> None:
    article = structure(load("article_object"), Article)
    data = _convert.unstructure(article)
    assert data["collectionId"] == "5214c77c45667acd25394b51"
    assert data["lastPublishedAt"] == "2013-08-22T21:40:56Z"
    assert structure(data, Article) == article


# --- drift: which keys of the fixtures the models do not hold ----------------------------

MODELLED: list[tuple[str, tuple[str, ...], type[Any]]] = [
    ("article_get", ("article",), Article),
    ("article_object", (), Article),
    ("article_search_object", (), ArticleSearchResult),
    ("asset_article_create", (), DocsAsset),
    ("category_get", ("category",), DocsCategory),
    ("category_list", ("categories", "items"), DocsCategory),
    ("category_object", (), DocsCategory),
    ("collection_get", ("collection",), DocsCollection),
    ("collection_object", (), DocsCollection),
    ("redirect_find", ("redirectedUrl",), RedirectedUrl),
    ("redirect_get", ("redirect",), Redirect),
    ("redirect_list", ("redirects", "items"), Redirect),
    ("revision_get", ("revision",), ArticleRevision),
    ("revision_list", ("revisions", "items"), ArticleRevisionRef),
    ("site_get", ("site",), Site),
    ("site_restrictions_get", (), SiteRestrictions),
    ("site_restrictions_update", (), SiteRestrictions),
]

_strict = _convert.make_converter(detailed_validation=True, strict=True)


def unmodelled_keys(data: list[Any], cls: type[Any]) -> set[str]:
    try:
        _strict.structure(data, list[cls])  # type: ignore[valid-type]
    except cattrs.BaseValidationError as error:
        found = set()
        for message in cattrs.transform_error(error):
            match = re.fullmatch(r"extra fields found \((.*)\) @ (.*)", message)
            assert match, message
            found.add(f"{match[2]}: {match[1]}")
        return found
    return set()


@pytest.mark.parametrize(("name", "path", "cls"), MODELLED)
def test_every_fixture_key_is_modelled(name: str, path: tuple[str, ...], cls: type[Any]) -> None:
    data = load(name)
    for key in path:
        data = data[key]
    assert unmodelled_keys(data if isinstance(data, list) else [data], cls) == set()


def test_every_response_fixture_is_covered() -> None:
    responses = {p.stem for p in FIXTURES.glob("*.json") if not p.stem.startswith("request_")}
    assert responses == {name for name, _, _ in MODELLED}
