"""«во главе с X» names who led, not an office (invented texts, real natasha models)."""

from __future__ import annotations

from people_of import roles_of


def test_led_by_gives_no_role():
    text = (
        "Делегацию во главе с Аркадием Вершининым встретили в аэропорту. Комиссия во главе "
        "с Тамарой Лесковой проверила склады."
    )
    assert roles_of(text) == {"Аркадий Вершинин": None, "Тамара Лескова": None}

