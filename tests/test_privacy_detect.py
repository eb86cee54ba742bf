"""Finding ID, mobile and bank card numbers in text."""

from __future__ import annotations

from datetime import date

from generator.privacy.detect import (
    allowed_numbers, find_personal_numbers, id_card_problem, is_bank_card, is_phone, luhn_valid,
)

from fake_ids import make_id


def make_card(first: str) -> str:
    """Append the Luhn check digit to `first`."""
    for last in "0123456789":
        if luhn_valid(first + last):
            return first + last
    raise AssertionError("unreachable")


def wrong_check(number: str) -> str:
    return number[:17] + ("1" if number[17] != "1" else "2")


def kinds(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [(f.kind, f.digits) for f in find_personal_numbers(text, allowed)]


def first17_with_check(check: str) -> str:
    for serial in range(1000):
        candidate = make_id(f"14112219850612{serial:03d}")
        if candidate[-1] == check:
            return candidate
    raise AssertionError("no serial gives that check digit")


def test_valid_id_found_with_masked_value_and_offsets():
    number = make_id("14112219850612123")
    text = f"申请人身份证号{number}，已审核。"
    [finding] = find_personal_numbers(text)
    assert finding.kind == "id_card" and finding.label == "身份证号"
    assert text[finding.start:finding.end] == number
    assert finding.masked == number[:4] + "*" * 10 + number[-4:]
    assert number not in finding.masked


def test_check_digit_x_upper_and_lower_case():
    number = first17_with_check("X")
    assert kinds(f"号码{number}。") == [("id_card", number)]
    assert kinds(f"号码{number.lower()}。") == [("id_card", number)]


def test_wrong_check_digit_is_not_an_id():
    number = wrong_check(make_id("14112219850612123"))
    assert id_card_problem(number) == "最后一位校验码不对"
    assert kinds(f"编号 {number} 号") == []


def test_impossible_birth_dates_are_not_ids():
    for birth in ("19990230", "18991231", "20001301", f"{date.today().year + 1}0101"):
        number = make_id(f"141122{birth}123")
        assert id_card_problem(number) is not None, birth
        assert kinds(number) == [], birth


def test_region_code_is_never_a_reason_to_ignore_an_id():
    # 000000 is no region at all; 410103 (郑州市二七区's old code style) may be renamed.
    for region in ("000000", "999999", "410103"):
        number = make_id(f"{region}19600101001")
        assert kinds(f"（{number}）") == [("id_card", number)]


def test_numbers_inside_longer_digit_runs_are_not_found():
    number = make_id("14112219850612123")
    assert kinds("9" + number) == []
    assert kinds(number + "7") == []
    assert kinds("013812345678") == []
    assert kinds("138123456789") == []


def test_id_written_in_groups_and_full_width_digits():
    number = make_id("14112219850612123")
    grouped = f"{number[:6]} {number[6:14]} {number[14:]}"
    assert kinds(f"证号：{grouped}。") == [("id_card", number)]
    full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert kinds(f"证号：{full_width}。") == [("id_card", number)]


def test_mobile_variants():
    for written in ("13812345678", "138-1234-5678", "138 1234 5678", "+86 138 1234 5678",
                    "+8613812345678", "(+86)138-1234-5678", "0086-13812345678"):
        found = find_personal_numbers(f"电话：{written}。")
        assert [(f.kind, f.digits, f.masked) for f in found] == [
            ("mobile", "13812345678", "138****5678")], written
        assert f"电话：{written}。"[found[0].start:found[0].end] == written


def test_not_mobiles():
    assert kinds("12812345678") == []       # second digit 2 is no mobile prefix
    assert kinds("0351-1234567") == []      # a landline is no personal mobile
    assert kinds("1381234567") == []        # ten digits


def test_bank_cards_luhn_valid_plain_and_grouped():
    card16 = make_card("622202123456789")
    card19 = make_card("621700001234567890")
    assert kinds(f"卡号{card16}。") == [("bank_card", card16)]
    grouped = " ".join(card16[i:i + 4] for i in range(0, 16, 4))
    assert kinds(f"卡号 {grouped} 。") == [("bank_card", card16)]
    hyphened = "-".join(card19[i:i + 4] for i in range(0, 19, 4))
    assert kinds(f"卡号 {hyphened}。") == [("bank_card", card19)]
    [finding] = find_personal_numbers(card16)
    assert finding.masked == card16[:4] + "*" * 8 + card16[-4:]


def test_bank_card_grouped_followed_by_another_short_number():
    card = make_card("622202123456789")
    grouped = " ".join(card[i:i + 4] for i in range(0, 16, 4))
    assert kinds(f"{grouped} 12 元") == [("bank_card", card)]


def test_luhn_invalid_run_is_not_a_card():
    card = make_card("622202123456789")
    broken = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert not is_bank_card(broken)
    assert kinds(broken) == []


def test_valid_id_that_is_also_luhn_valid_is_reported_as_id_only():
    for serial in range(1000):
        number = make_id(f"14112219850612{serial:03d}")
        if number[-1] != "X" and luhn_valid(number):
            break
    assert kinds(number) == [("id_card", number)]
    assert not is_bank_card(number)


def test_allowed_numbers_are_not_findings():
    text = "咨询热线 138-1234-5678，另有 13912345678。"
    assert kinds(text, frozenset({"13812345678"})) == [("mobile", "13912345678")]


def test_several_findings_in_order():
    number = make_id("14112219850612123")
    card = make_card("622202123456789")
    found = kinds(f"张三 {number} 13812345678 {card}")
    assert found == [("id_card", number), ("mobile", "13812345678"), ("bank_card", card)]


def test_is_phone_accepts_mobiles_and_landlines_only():
    assert is_phone("13812345678") and is_phone("138-1234-5678") and is_phone("0351-1234567")
    assert not is_phone("12345") and not is_phone("无")


def test_a_single_leak_is_found_in_five_megabytes():
    number = make_id("14112219850612123")
    line = ("勍香镇 奖励扶助 720 元/人·年，咨询电话 0351-1234567，2023年12月01日 第3条，"
            "索引号 11510000MB1234567X/2023-00012。\n")
    text = line * (5_000_000 // len(line.encode()))
    text += f"漏了 {number}"
    found = find_personal_numbers(text)
    assert [f.digits for f in found] == [number]


def test_allowed_numbers_normalizes_declared_contacts_as_findings_are():
    allowed = allowed_numbers(["+86 138 1234 5678", "0351-1234567", "举报电话 139-1234-5678"])
    assert allowed == frozenset({"13812345678", "13912345678"})
    assert kinds("热线 13812345678，举报 (+86)139 1234 5678", allowed) == []


def test_runs_of_years_are_not_bank_cards():
    # 2026 2025 2024 2023 passes Luhn, but no card issuer uses a 20xx prefix below 2221.
    assert find_personal_numbers("按年份查看：2026 2025 2024 2023") == []
    assert not is_bank_card("2026202520242023")


def test_a_row_number_before_an_index_number_is_not_a_mobile():
    assert find_personal_numbers("有效 130 11530921MB1234567X/2023-00096") == []
    assert [f.masked for f in find_personal_numbers("联系 138 12345678。")] == ["138****5678"]
