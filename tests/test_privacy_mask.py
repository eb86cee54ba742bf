"""Masking values before they are published."""

from __future__ import annotations

import pytest

from generator.privacy.mask import (
    apply_mask, mask_address, mask_bank_card, mask_for_message, mask_id_card, mask_name,
    mask_phone,
)


def test_mask_id_card_keeps_first_and_last_four():
    assert mask_id_card("11010119900307123X") == "1101**********123X"
    assert mask_id_card("11010119900307123x") == "1101**********123X"
    assert mask_id_card(" 110101 19900307 123X ") == "1101**********123X"


def test_mask_phone():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("138-1234-5678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("0351-7654321") == "0351-***4321"


def test_mask_bank_card():
    assert mask_bank_card("6222 0212 3456 7890") == "6222********7890"


def test_mask_name():
    assert mask_name("张静") == "张*"
    assert mask_name("张晓静") == "张*静"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_name(" 李 ") == "*"
    assert mask_name("") == ""


def test_mask_address_cuts_to_village():
    assert mask_address("勍香镇东庄村3组12号") == "勍香镇东庄村"
    assert mask_address("某县勍香镇幸福社区5栋2单元") == "某县勍香镇幸福社区"
    assert mask_address("某旗某苏木巴音嘎查2号") == "某旗某苏木巴音嘎查"
    assert mask_address("城关居委会后街7号") == "城关居委会"


def test_mask_address_without_village_keeps_township_or_county():
    assert mask_address("勍香镇人民路12号") == "勍香镇"
    assert mask_address("镇江市丹徒区高资街道新路8号") == "镇江市丹徒区高资街道"
    assert mask_address("某县人民路12号") == "某县"
    assert mask_address("人民路12号") == "***"


def test_mask_for_message_hides_most_of_a_bad_value():
    shown = mask_for_message("14112219850612123")
    assert shown == "1411*********2123"
    assert mask_for_message("12345") == "1***5"


def test_apply_mask_dispatches_and_rejects_unknown_kinds():
    assert apply_mask(None, "张晓静") == "张晓静"
    assert apply_mask("name", "张晓静") == "张*静"
    assert apply_mask("phone", "13812345678") == "138****5678"
    assert apply_mask("address", "勍香镇东庄村3组12号") == "勍香镇东庄村"
    assert apply_mask("id_card", "11010119900307123X") == "1101**********123X"
    with pytest.raises(ValueError):
        apply_mask("bank", "6222")
