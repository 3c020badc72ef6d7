# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of cc_core's services: addresses, text, delivery states."""
import pytest

from cc_core.services import delivery, phone, text


@pytest.mark.parametrize(
    "raw, address, key, is_phone",
    [
        ("+55 (11) 98765-4321", "+5511987654321", "+5511987654321", True),
        ("5511987654321", "+5511987654321", "+5511987654321", True),
        ("551187654321", "+551187654321", "+5511987654321", True),  # wa_id without 9
        ("(11) 98765-4321", "+5511987654321", "+5511987654321", True),
        ("+551133334444", "+551133334444", "+551133334444", True),  # landline: no 9
        ("BR.1502576394655843", "BR.1502576394655843", "BR.1502576394655843", False),
        ("5511987654321@l.us", "5511987654321@l.us", "5511987654321@l.us", False),
    ],
)
def test_normalize_address(raw, address, key, is_phone):
    assert phone.normalize_address(raw) == (address, key, is_phone)


def test_ninth_digit_variants_are_one_customer():
    assert phone.ninth_digit_variants("+5511987654321") == [
        "+5511987654321", "+551187654321"]
    assert phone.ninth_digit_key("+551187654321") == phone.ninth_digit_key(
        "+5511987654321")
    assert phone.ninth_digit_variants("+551133334444") == ["+551133334444"]


# WhatsApp sends wa_id digits with the country code; the connector adds "+".
@pytest.mark.parametrize(
    "wa_id, variants",
    [
        # 12-digit BR mobile (registered before the 9): the 9 variant is added.
        ("551187654321", ["+551187654321", "+5511987654321"]),
        ("552196543210", ["+552196543210", "+5521996543210"]),
        ("558171234567", ["+558171234567", "+5581971234567"]),
        ("556186543210", ["+556186543210", "+5561986543210"]),
        # 13-digit BR mobile: as received, then without the 9.
        ("5511987654321", ["+5511987654321", "+551187654321"]),
        ("5521996543210", ["+5521996543210", "+552196543210"]),
        # Landlines (subscriber starts 2-5) never get a 9.
        ("551133334444", ["+551133334444"]),
        ("552125551234", ["+552125551234"]),
        ("554145678901", ["+554145678901"]),
        ("555132109876", ["+555132109876"]),
        # 13 digits whose remainder is not a mobile: kept as is.
        ("5511923334444", ["+5511923334444"]),
        # 13 digits without a 9 after the DDD: kept as is.
        ("5511887654321", ["+5511887654321"]),
        # No Brazilian DDD contains a 0.
        ("551087654321", ["+551087654321"]),
        # Other countries are untouched, even when they look similar.
        ("14155552671", ["+14155552671"]),
        ("5491123456789", ["+5491123456789"]),
        ("351912345678", ["+351912345678"]),
        ("447911123456", ["+447911123456"]),
    ],
)
def test_wa_id_ninth_digit_variants(wa_id, variants):
    address = phone.normalize_address("+" + wa_id)
    assert address.is_phone
    assert address.address == "+" + wa_id
    assert phone.ninth_digit_variants(address.address) == variants
    assert {phone.ninth_digit_key(v) for v in variants} == {address.key}


def test_ninth_digit_variants_are_exact_inverses():
    with_9, without_9 = phone.ninth_digit_variants("+5511987654321")
    assert phone.ninth_digit_variants(without_9) == [without_9, with_9]


@pytest.mark.parametrize("raw", ["BR.1502576394655843", "1234567", "1234567890123456"])
def test_not_a_phone_number_is_kept_as_an_identifier(raw):
    address = phone.normalize_address(raw)
    assert not address.is_phone and address.address == address.key == raw


@pytest.mark.parametrize(
    "e164, mobile",
    [
        ("+5511987654321", True),
        ("+551187654321", True),  # old 8-digit spelling of a mobile
        ("+551133334444", False),  # São Paulo landline
        ("+14155552671", True),  # NANP: mobiles and landlines look alike
        ("+447911123456", True),
        ("", False),
        (None, False),
    ],
)
def test_is_mobile(e164, mobile):
    assert phone.is_mobile(e164) is mobile


def test_empty_address_refused():
    with pytest.raises(ValueError):
        phone.normalize_address("  ")


def test_customer_text_is_escaped():
    assert text.to_html('<script>x</script>\n"a"') == (
        "&lt;script&gt;x&lt;/script&gt;<br/>&quot;a&quot;")


KEYWORDS = ["SAIR", "PARE", "STOP", "CANCELAR"]


@pytest.mark.parametrize(
    "message",
    ["SAIR", "sair", " Sair!! ", "pare.", "Páre", "STOP", "cancelár", "CANCELAR 🙏"],
)
def test_opt_out_keywords(message):
    assert text.is_opt_out(message, KEYWORDS)


@pytest.mark.parametrize(
    "message",
    ["", "   ", "não quero sair", "Pareceu bom", "stop!! agora não",
     "quero sair mais cedo", None, 1],
)
def test_not_opt_out(message):
    assert not text.is_opt_out(message, KEYWORDS)


def test_opt_out_custom_keywords():
    assert text.is_opt_out("descadastrar", ["DESCADASTRAR"])
    assert not text.is_opt_out("SAIR", ["DESCADASTRAR"])


@pytest.mark.parametrize(
    "current, reported, expected",
    [
        ("sent", "delivered", "delivered"),
        ("read", "delivered", "read"),
        ("delivered", "sent", "delivered"),
        ("sent", "failed", "failed"),
        ("read", "failed", "read"),
        ("failed", "delivered", "failed"),
        ("unknown", "sent", "sent"),
        ("received", "read", "received"),
        # WhatsApp reports arrive in any order; read may come first.
        ("queued", "read", "read"),
        ("sending", "delivered", "delivered"),
        ("sent", "sent", "sent"),
        ("sending", "failed", "failed"),
        ("delivered", "failed", "delivered"),
        ("failed", "read", "failed"),
        # States a provider may add (WhatsApp "played") never move a message.
        ("read", "played", "read"),
    ],
)
def test_delivery_states_only_move_forward(current, reported, expected):
    assert delivery.advance(current, reported) == expected


def test_retry_delay_is_capped_exponential():
    assert [delivery.retry_delay(n, 30, 200) for n in (1, 2, 3, 4, 5)] == [
        30, 60, 120, 200, 200]


# ---------------------------------------------------------------------------
# Agent signature per channel
# ---------------------------------------------------------------------------
def test_signature_is_bold_on_whatsapp_and_short_on_sms():
    from cc_core.services import text

    assert text.signed_body("Ana", "Olá!", "whatsapp") == "*Ana*\nOlá!"
    assert text.signed_body("Ana", "Olá!", "sms") == "Ana: Olá!"
    # A signature saved with WhatsApp markup is never sent literally on SMS.
    assert text.signed_body("*Ana*", "Olá!", "sms") == "Ana: Olá!"
    assert text.signed_body("*Ana*", "Olá!", "whatsapp") == "*Ana*\nOlá!"
    assert text.signed_body("", "Olá!", "sms") == "Olá!"
    assert text.signed_body("Ana", "  ", "sms") == ""


def test_preview_hides_whatsapp_bold_markup():
    from cc_core.services import text

    assert text.strip_whatsapp_markup("*Ana*\nOlá, *tudo* bem? 2*3*4") == \
        "Ana\nOlá, tudo bem? 2*3*4"


def test_attachments_html_shows_images_and_escapes_names():
    from cc_core.services import text

    html = text.attachments_html([(7, "photo.png", "image/png"),
                                  (8, '<script>x</script>.pdf', "application/pdf")])
    assert '<img src="/web/image/7/160x160"' in html
    assert '/web/content/8?download=true' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert text.attachments_html([]) == ""


# ---------------------------------------------------------------------------
# Callback URLs providers can reach
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("url, problems", [
    ("https://crm.example.com.br/cc/webhook/k", ()),
    ("https://203.0.113.9/cc/webhook/k", ("not_public",)),  # documentation range
    ("https://8.8.8.8/cc/webhook/k", ()),
    ("http://crm.empresa.com.br/cc/webhook/k", ("not_https",)),
    ("http://127.0.0.1:8069/cc/webhook/k", ("not_https", "not_public")),
    ("https://localhost/cc/webhook/k", ("not_public",)),
    ("https://192.168.0.10/cc/webhook/k", ("not_public",)),
    ("https://odoo.local/cc/webhook/k", ("not_public",)),
    ("https://odoo/cc/webhook/k", ("not_public",)),
    ("https://[::1]/cc/webhook/k", ("not_public",)),
    ("", ("not_https", "not_public")),
])
def test_callback_problems(url, problems):
    from cc_core.services import public_url

    assert public_url.callback_problems(url) == problems
