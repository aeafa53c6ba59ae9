"""Queries compiled once per process and run with new parameters.

Django builds and compiles a queryset's SQL every time it runs: for the
queries every uncached page of a type repeats (routing, a link's visibility
check), that took longer than PostgreSQL's own planning and running of them
(issue 14, docs/decisions/0065). `compiled(key, make_queryset, params)` keeps
the SQL of the first queryset made for `key` and runs it with each caller's
parameters; `page_from_row` makes the page objects Wagtail would.
"""

from django.db import connections
from django.db.models import DEFERRED


class CompiledQuery:
    """A queryset's SQL, compiled once and then run with new parameters.

    Routing runs the same two queries on every uncached page, and Django
    builds and compiles each again every time: about 1 ms apiece, more than
    PostgreSQL takes to plan and run them (issue 14). A `CompiledQuery` keeps
    the SQL, the selected columns' names and Django's converters for them (the
    values SQLite returns as text, say), and runs the SQL with the parameters
    given. It is made from a queryset built with real values, and `params`
    must be what those values become: it refuses to be made (ValueError) when
    they differ from Django's own parameters, so a caller that gets the
    mapping wrong fails at once instead of reading the wrong rows.
    """

    def __init__(self, queryset, params):
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, django_params = compiler.as_sql()
        if list(django_params) != list(params):
            raise ValueError(f"parameters {list(params)!r} are not Django's {django_params!r}")
        self.db = queryset.db
        self.model = queryset.model
        selected = [expression for expression, _sql, _alias in compiler.select]
        # A values_list() column is named as asked ("id" for a page type's
        # primary key, whose column is page_ptr_id); a model's by its attname.
        self.names = [
            alias or expression.target.attname for expression, _sql, alias in compiler.select
        ]
        self.converters = list(compiler.get_converters(selected).items())

    def rows(self, params):
        """The rows, each a dict of column name to value."""
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        result = []
        for row in rows:
            row = list(row)
            for position, (converters, expression) in self.converters:
                for converter in converters:
                    row[position] = converter(row[position], expression, connection)
            result.append(dict(zip(self.names, row, strict=True)))
        return result


def compiled(key, make_queryset, params, keep=True):
    """The CompiledQuery for `key`, made from `make_queryset()` on first use.
    With `keep=False` it is made for this call only: for shapes a visitor
    chooses (a path's depth), so they cannot fill the process's memory."""
    query = _COMPILED.get(key)
    if query is None:
        query = CompiledQuery(make_queryset(), params)
        if keep:
            _COMPILED[key] = query
    return query


_COMPILED = {}


def compiled_pages(key, make_queryset, params, keep=True):
    """The pages a `values_list()` queryset of one page type reads, made with
    `page_from_row`: the columns read, the rest deferred (see `compiled`)."""
    query = compiled(key, make_queryset, params, keep=keep)
    return [page_from_row(query.model, row, query.db) for row in query.rows(params)]


def in_memory(instance, relation):
    """Whether `instance`'s inline relation is only in memory (an unsaved page,
    or a preview's rows held by modelcluster), so a compiled query of the
    database would not show it."""
    return instance.pk is None or relation in getattr(instance, "_cluster_related_objects", {})


def child_objects(instance, relation):
    """The rows of `instance`'s inline relation (a ParentalKey's: a decision's
    milestones, say) in their model's order, read with a compiled query (one per
    relation). A preview's or an unsaved page's rows are the ones modelcluster
    holds in memory, read as before."""
    manager = getattr(instance, relation)
    if in_memory(instance, relation):
        return list(manager.all())
    query = compiled(("children", instance._meta.label_lower, relation), manager.all, [instance.pk])
    return [model_from_row(query.model, row, query.db) for row in query.rows([instance.pk])]


def child_related(instance, relation, field_name):
    """The objects `instance`'s inline rows point to through the foreign key
    `field_name` (a briefing's attachments' documents), in the rows' order,
    read with the rows in one compiled query; rows without one are skipped.
    A preview's or an unsaved page's rows are the ones modelcluster holds."""
    manager = getattr(instance, relation)
    if in_memory(instance, relation):
        rows = manager.select_related(field_name).all()
        return [related for row in rows if (related := getattr(row, field_name)) is not None]
    model = manager.model._meta.get_field(field_name).related_model
    prefix = field_name + "__"
    query = compiled(
        ("child-related", instance._meta.label_lower, relation, field_name),
        lambda: manager.filter(**{field_name + "__isnull": False}).values_list(
            *columns_of(model, prefix)
        ),
        [instance.pk],
    )
    return [model_from_row(model, row, query.db, prefix) for row in query.rows([instance.pk])]


def page_from_row(cls, values, db):
    """A page of class `cls` from column values, the rest deferred, as Wagtail's
    `specific_deferred` makes one (its primary key is the page's id)."""
    columns = tuple(values)
    plan = _ROW_PLANS.get((cls, columns))
    if plan is None:
        plan = _ROW_PLANS[cls, columns] = _row_plan(cls, columns)
    arguments, positions = plan
    arguments = list(arguments)
    for position, name in positions:
        arguments[position] = values[name]
    page = cls(*arguments)
    page._state.adding = False
    page._state.db = db
    return page


def _row_plan(cls, columns):
    """Where each of `columns` goes among `cls`'s constructor arguments (by
    attname or name; "id" is the primary key), the rest DEFERRED: worked out
    once per page type and query, not for every page made."""
    pk_name = cls._meta.pk.attname
    arguments, positions = [], []
    for position, field in enumerate(cls._meta.concrete_fields):
        if field.attname == pk_name:
            name = "id"
        else:
            name = next((n for n in (field.attname, field.name) if n in columns), None)
        arguments.append(DEFERRED)
        if name is not None:
            positions.append((position, name))
    return tuple(arguments), tuple(positions)


#: (page class, the columns a query reads) → `_row_plan`; one per compiled query.
_ROW_PLANS = {}


def model_from_row(model, values, db, prefix=""):
    """An object of `model` with every column read, from `values` (under
    `prefix`, for a related object read with another: "photo__")."""
    names = columns_of(model)
    return model.from_db(db, names, [values[prefix + name] for name in names])


def related_from_row(instance, field_name, values, prefix, db):
    """Set `instance`'s foreign key `field_name` to the object whose columns
    are in `values` under `prefix` (read with the instance, as select_related
    would), or to None if the key is empty."""
    field = instance._meta.get_field(field_name)
    model = field.related_model
    empty = values.get(prefix + model._meta.pk.attname) is None
    related = None if empty else model_from_row(model, values, db, prefix)
    field.set_cached_value(instance, related)
    return related


def columns_of(model, prefix=""):
    """Every column of `model` (attnames), optionally under a relation's prefix."""
    return [prefix + field.attname for field in model._meta.concrete_fields]
