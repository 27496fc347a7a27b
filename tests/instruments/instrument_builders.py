"""Builders for instrument tests: small hand-made instruments and hypothesis strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from feltsafe.instruments import Dimension, Instrument, Item, Scale


def make_scale(low: int = 1, high: int = 5) -> Scale:
    return Scale(min=low, max=high, labels=tuple(f"choice {v}" for v in range(low, high + 1)))


def make_instrument(
    layout: dict[str, list[bool]],
    scale: Scale | None = None,
    instrument_id: str = "demo",
    version: str = "1.0",
) -> Instrument:
    """An instrument whose dimensions hold items with the given reverse flags."""
    scale = scale or make_scale()
    dimensions = tuple(Dimension(d, f"Title of {d}", f"About {d}") for d in layout)
    items = tuple(
        Item(f"{d}_{n}", f"Statement {n} about {d}", d, reverse, scale)
        for d, flags in layout.items()
        for n, reverse in enumerate(flags, start=1)
    )
    return Instrument(
        id=instrument_id,
        version=version,
        title="Demo reflection",
        description="A small instrument for tests.",
        content_note="You can skip anything.",
        disclaimer="A reflection aid, not a clinical test.",
        scale=scale,
        dimensions=dimensions,
        items=items,
    )


@st.composite
def scales(draw: st.DrawFn) -> Scale:
    low = draw(st.integers(min_value=-3, max_value=3))
    return make_scale(low, low + draw(st.integers(min_value=1, max_value=6)))


@st.composite
def instruments(draw: st.DrawFn) -> Instrument:
    """Instruments of 1-4 dimensions with 1-7 items each, mixed keying, and per-item scales."""
    shared = draw(scales())
    dimensions = []
    items = []
    for d in range(draw(st.integers(min_value=1, max_value=4))):
        dimension = Dimension(f"dim{d}", f"Dimension {d}", "A test dimension.")
        dimensions.append(dimension)
        for n in range(draw(st.integers(min_value=1, max_value=7))):
            scale = draw(st.one_of(st.just(shared), scales()))
            items.append(
                Item(f"dim{d}_item{n}", "A statement.", dimension.id, draw(st.booleans()), scale)
            )
    return Instrument(
        id="generated",
        version="1.0",
        title="Generated reflection",
        description="Generated for a property test.",
        content_note="You can skip anything.",
        disclaimer="A reflection aid, not a clinical test.",
        scale=shared,
        dimensions=tuple(dimensions),
        items=tuple(items),
    )


@st.composite
def answer_sets(draw: st.DrawFn, instrument: Instrument) -> dict[str, int]:
    """Answers on-scale for an arbitrary subset of the instrument's items."""
    answers = {}
    for item in instrument.items:
        if draw(st.booleans()):
            answers[item.id] = draw(st.integers(min_value=item.scale.min, max_value=item.scale.max))
    return answers


@st.composite
def instrument_with_answers(draw: st.DrawFn) -> tuple[Instrument, dict[str, int]]:
    instrument = draw(instruments())
    return instrument, draw(answer_sets(instrument))


def most_safe(instrument: Instrument) -> dict[str, int]:
    return {i.id: i.scale.min if i.reverse else i.scale.max for i in instrument.items}


def least_safe(instrument: Instrument) -> dict[str, int]:
    return {i.id: i.scale.max if i.reverse else i.scale.min for i in instrument.items}
