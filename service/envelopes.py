"""What surrounds every API answer: its meta (release, script, paging, search, facets), its links,
the envelope around one record or a page of them, and the problem details of an error.

The records inside are described in ``service/schemas.py``.
"""

from marshmallow import Schema, fields

from dbay.service.schemas import BILINGUAL_NOTE, always_present

FACET_VALUES = 20  # values listed per facet of /measures, most measures first (service/facets.py)


ExpansionSchema = Schema.from_dict(
    {
        "term": fields.String(required=True, metadata={"description": "A word or phrase of q, folded (Simplified, lowercase)."}),
        "variants": fields.List(
            fields.String(),
            required=True,
            metadata={"description": "Its cross-strait variants (sources/search_variants.yml) that were searched too."},
        ),
    },
    name="Expansion",
)
SearchMetaSchema = Schema.from_dict(
    {
        "query": fields.String(required=True, metadata={"description": "q as given."}),
        "expanded": fields.List(
            fields.Nested(ExpansionSchema),
            required=True,
            metadata={"description": "Each word of q searched with its variants too (人工智慧 with 人工智能); empty if none."},
        ),
    },
    name="SearchMeta",
)


# Built from a dict because a field named ``fields`` cannot be a class attribute of a Schema.
FallbackSchema = Schema.from_dict(
    {
        "lang": fields.String(required=True, metadata={"description": "The language given where English is missing: zh-Hans."}),
        "fields": fields.List(
            fields.String(),
            required=True,
            metadata={
                "description": "The text fields (by their column in the release: title, heading, name, text …) that this "
                "answer gives in that language for want of English, anywhere in it."
            },
        ),
    },
    name="FallbackSchema",
)


class MetaSchema(Schema):
    release = fields.String(required=True, metadata={"description": "The release that answered."})
    lang = fields.String(
        required=True,
        metadata={"description": "The language of the text fields: zh-Hans, zh-Hant or en, as Content-Language."},
    )
    translation = fields.String(
        metadata={"description": "With lang=en: that the English is an unofficial translation made for dbay."}
    )
    fallback = fields.Nested(FallbackSchema, metadata={"description": "With lang=en: where the answer falls back to Chinese."})


class PageMetaSchema(MetaSchema):
    total = fields.Integer(required=True, metadata={"description": "Number of items matching the request, over all pages."})
    limit = fields.Integer(required=True, metadata={"description": "Page size."})
    search = fields.Nested(SearchMetaSchema, metadata={"description": "With q: what was searched for."})


class AgencyListMetaSchema(PageMetaSchema):
    documents_with_agency_clauses = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "The documents some of whose provisions name agencies (rows of measure_agencies): "
            "the agencies' counts and their order cover these documents only."
        },
    )
    documents_without_agency_clauses = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "The documents none of whose provisions names an agency: they add to no agency's counts."},
    )


class FacetValueSchema(Schema):
    value = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "A document id, agency id, role, year or entity id; null for undated documents' measures."},
    )
    label = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The document's title, agency's or entity's name" + BILINGUAL_NOTE + " A role or year: itself."},
    )
    count = fields.Integer(
        required=True, metadata={"description": "Measures of the whole result with this value: the total this filter would give."}
    )


class FacetSchema(Schema):
    values = fields.List(
        fields.Nested(FacetValueSchema),
        required=True,
        metadata={"description": f"At most {FACET_VALUES} values, most measures first, then by value."},
    )
    more = fields.Integer(
        required=True, metadata={"description": "How many values had measures beyond those listed (0: the list is complete)."}
    )


class FacetsSchema(Schema):
    document = fields.Nested(FacetSchema, metadata={"description": "By document."})
    agency = fields.Nested(FacetSchema, metadata={"description": "By agency having a role in the measure (in role= if given)."})
    role = fields.Nested(FacetSchema, metadata={"description": "By role of an agency (of agency= if given) in the measure."})
    year = fields.Nested(FacetSchema, metadata={"description": "By the year its document was issued."})
    entity = fields.Nested(
        FacetSchema, metadata={"description": "By entity mentioned (platform, programme, slogan, technology)."}
    )
    technology = fields.Nested(FacetSchema, metadata={"description": "By technology mentioned (entities of type technology)."})
    place = fields.Nested(
        FacetSchema, metadata={"description": "By place named: a place counts the measures naming it or a place within it."}
    )


class MeasureListMetaSchema(PageMetaSchema):
    facets = fields.Nested(
        FacetsSchema, metadata={"description": "With facets=: the whole result (every page) counted by each facet asked for."}
    )


class LinksSchema(Schema):
    self = fields.String(required=True, metadata={"description": "This page."})


class PageLinksSchema(LinksSchema):
    next = fields.String(required=True, allow_none=True, metadata={"description": "The next page, or null on the last."})


def envelope(name: str, item: type[Schema], many: bool, meta: type[Schema] | None = None) -> type[Schema]:
    """``{"data": …, "meta": …, "links": …}`` around one item or a page of items (by default with the
    page's meta and links)."""
    data = fields.List(fields.Nested(item)) if many else fields.Nested(item)
    meta = meta or (PageMetaSchema if many else MetaSchema)
    links = PageLinksSchema if many else LinksSchema
    return always_present({"data": data, "meta": fields.Nested(meta), "links": fields.Nested(links)}, name)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"description": "A URI identifying the problem type (about:blank)."})
    title = fields.String(required=True, metadata={"description": "The HTTP status phrase."})
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code."})
    detail = fields.String(required=True, metadata={"description": "What went wrong, naming the parameter or resource."})
    instance = fields.String(required=True, metadata={"description": "The request's path and query."})
    invalid_params = fields.List(
        fields.Dict(keys=fields.String(), values=fields.String()),
        metadata={
            "description": "For a 400 (a filter naming no record among them): each offending parameter (name) and why (reason)."
        },
    )
