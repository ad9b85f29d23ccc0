"""The preflight panel offers the products as the export declarations name them."""

from __future__ import annotations

import pytest

from curator.export import products
from curator.i18n import _, current_language, set_language
from curator.ui.views.preflight_panel import PreflightPanel

pytestmark = pytest.mark.gui


def test_every_product_is_declared_with_a_label() -> None:
    assert all(spec.label for spec in products.PRODUCTS)
    assert len({spec.label for spec in products.PRODUCTS}) == len(products.PRODUCTS)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_panels_choices_are_the_declared_products_with_their_labels(
    qtbot, language: str
) -> None:
    before = current_language()
    set_language(language)
    try:
        panel = PreflightPanel()
        qtbot.addWidget(panel)
        choices = [
            (panel.product.itemText(i), panel.product.itemData(i))
            for i in range(panel.product.count())
        ]
        declared = [
            (_(spec.label), spec.preflight.value)
            for spec in products.PRODUCTS
            if spec.preflight is not None
        ]
        assert choices == declared
        assert ("Wall labels", "labels") in choices or language != "en"
        assert panel.product.currentData() == "panels"  # chosen first, as before
        panel.product.setCurrentIndex(panel.product.findData("cover"))
        panel.retranslate_ui()  # a language change keeps the choice
        assert panel.product.currentData() == "cover"
    finally:
        set_language(before)
