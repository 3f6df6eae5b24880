"""Page furniture: every pattern recognises real chrome and leaves a look-alike claim alone."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.furniture import _FURNITURE, _FURNITURE_PATTERNS, is_furniture, notes_at_end

# (chrome as a page prints it, an article sentence close to it that must stay a claim)
CASES = {
    "cookie-we-use": (
        "We use cookies to give you the best possible experience on our site.",
        "Officials said the bakery sold cookies to soldiers at the checkpoint.",
    ),
    "cookie-site-consent": (
        "This website uses cookies to ensure you get the best experience.",
        "The website of the ministry was taken offline on Monday, officials said.",
    ),
    "cookie-partners": (
        "We and our 143 partners store and access information on your device, such as cookies, to personalise ads and content.",
        "The minister said the EU and its 27 partners would store grain for Ukraine.",
    ),
    "consent-buttons": ("Accept all", "Ukraine will accept all offers of air defence, he said."),
    "privacy-value": ("We value your privacy.", "“We value your privacy,” the bank said after the breach."),
    "privacy-care": ("We care about your privacy", "We care about your privacy, the minister told the hearing."),
    "privacy-respect": ("We respect your privacy!", "The court said the state must respect your privacy at home."),
    "privacy-important": (
        "Your privacy is important to us.",
        "“Your privacy is important to us.",  # a company's statement, quoted: not the page's banner
    ),
    "privacy-matters": ("Your privacy matters to us", "Your privacy matters to us all, the commissioner said."),
    "privacy-choices": ("Your privacy choices", "Your privacy matters less than the war, the general said."),
    "browser-outdated": (
        "You are using an outdated browser. Please upgrade your browser to improve your experience and security.",
        "The army is using outdated tanks, the analyst said.",
    ),
    "browser-update": (
        "Update your browser for more security, speed and the best experience on this site.",
        "The ministry will update its casualty figures on Friday.",
    ),
    "comment-reply": ("Leave a Reply", "Residents were told to leave the city, the mayor said."),
    "comment-join": (
        "Join the conversation. You must be logged in to post a comment.",
        "Finland will join the exercise in March, the defence minister said.",
    ),
    "comment-email": (
        "Your email address will not be published. Required fields are marked *",
        "The ministry said the email had been published by mistake.",
    ),
    "comment-count": (
        "3 thoughts on “EU ministers agree new sanctions on tanker fleet”",
        "3 soldiers were killed on Tuesday, the governor said.",
    ),
    "listen": ("Listen to this article · 4:12 min", "We have to listen to this warning, the minister said."),
    "video-restricted": (
        "This video is restricted from playing in your location.",
        "This video is not available in Russia, the regulator said, because it shows the strike.",
    ),
    "video-unavailable": ("Video unavailable", "The video is unavailable in Russia, Roskomnadzor said."),
    "caption": (
        "Image caption: Firefighters work at the site of a damaged building in Kyiv.",
        "Image caption: The school was hit at dawn, police said.",
    ),
    "carousel": ("list 3 of 4", "Three of four tankers on the list sailed without insurance, officials said."),
    "slide": ("Slide 2 of 10", "Prices slid 2% in October, the central bank said."),
    "newsletter-inbox": (
        "The day's most important stories, delivered to your inbox at 7am.",
        "The letters were delivered to the embassy on Monday, officials said.",
    ),
    "newsletter-terms": (
        "By signing up you agree to our Terms of Use and Privacy Policy.",
        "By signing the deal, Hungary agreed to lift its veto, diplomats said.",
    ),
    "newsletter-email": ("Enter your email address", "Investigators entered the building on Monday."),
    "account-sign-in": ("Sign in to your account", "The president will sign the bill on Friday, his office said."),
    "account-create": (
        "Create a free account to keep reading and save articles for later.",
        "The government will create a fund to rebuild the port, the minister said.",
    ),
    "account-already": ("Already have an account? Log in", "The ministry already has an account of the attack, he said."),
    "account-password": ("Forgot your password?", "The hackers stole passwords from the ministry, police said."),
    "trending": ("Trending now", "Oil prices are trending higher, analysts said."),
    "most-read": ("Most read", "Most of the tankers were read their rights, the coastguard said."),
    "also-like": ("You might also like", "You might also see more strikes this winter, the general warned."),
    "reader-funded": (
        "Eastern Wire is reader-funded.",
        "The militia is funded by the regional government, officials said.",
    ),
    "funded-by-its-readers": (
        "Eastbridge News is funded by its readers.",
        "The militia is funded by its backers in the capital, officials said.",
    ),
    "report-credit": (
        "Anna Rudi in Kyiv and Tom Hale in London contributed to this report.",
        "Sanctions contributed to the fall in exports, the central bank said in its report.",
    ),
    "edited-note": (
        "This interview has been edited for length and clarity.",
        "The report has been edited to remove the names of witnesses, the court said.",
    ),
    "paywall": (
        "This post is for paying subscribers only",
        "Paying subscribers of the state broadcaster fell by a third, the regulator said.",
    ),
    "paywall-continue": ("Subscribe to continue reading", "Kyiv will continue to subscribe to the plan, the minister said."),
    "story-updated": (
        "This story has been updated to include comment from the Department of Transportation.",
        "The story of the siege has been updated in a new book, the publisher said.",
    ),
    "partnership": (
        "This story was produced in partnership with the Statehouse News Collaborative, a nonprofit newsroom.",
        "The vaccine was produced in partnership with a Danish firm, the ministry said.",
    ),
}


@pytest.mark.parametrize(("chrome", "claim"), CASES.values(), ids=CASES.keys())
def test_furniture_pattern_and_its_negative_case(chrome, claim):
    assert is_furniture(chrome)
    assert not is_furniture(claim)


@pytest.mark.parametrize(
    "sentence",
    ["Stay updated", "Advertisement", "Follow us on social media", "Sign up for our newsletter", "© 2025 Example News"],
)
def test_furniture_existing_patterns_still_hold(sentence):
    assert is_furniture(sentence)


@pytest.mark.parametrize("pattern", _FURNITURE_PATTERNS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_furniture_words_gate_misses_no_match_of_a_pattern(pattern, data):
    """is_furniture looks for FURNITURE_WORDS before the patterns: text any pattern matches must still be furniture."""
    text = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE)))
    assert is_furniture(text) == bool(_FURNITURE.search(text)) is True


@pytest.mark.parametrize(
    "sentence",
    ["ſubscribe to our newsletter", "SİGN UP for our newsletter", "Clıck here", "The bakery sold cookies on Monday."],
)
def test_furniture_words_gate_agrees_with_the_patterns_on_odd_letters(sentence):
    assert is_furniture(sentence) == bool(_FURNITURE.search(sentence))


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("Rents rose, the agency said.\n\n1 Figures for April are estimates.\n", "1 Figures for April are estimates.\n"),
        ("Rents rose.¹ Wages fell.²\n\n¹ Estimates.\n² Seasonally adjusted.", "¹ Estimates.\n² Seasonally adjusted."),
        ("Rents rose, the agency said.1\n\n1 Estimates.\n\n2 Adjusted.", "1 Estimates.\n\n2 Adjusted."),
        ("Rents rose, the agency said.\n\nNotes\n\n1 Estimates.\n2 Adjusted.", "1 Estimates.\n2 Adjusted."),
        # A list, not notes: in the middle, introduced by a colon, unmarked and unheaded, out of order, or alone.
        ("Two parts.\n\n1 The ministry said it would pay.\n2 The union said no.\n\nTalks resume, officials said.", ""),
        ("The plan has two parts:\n\n1 The ministry said it would pay.\n2 The union said no.", ""),
        ("What happens next\n\n1 The ministry said it would pay.\n2 The union said no.", ""),
        ("Rents rose 3.1 percent, the agency said.\n\n1 Estimates.\n2 Adjusted.", ""),
        ("Rents rose, the agency said.\n\n2 Figures for April are estimates.", ""),
        ("1 Figures for April are estimates.", ""),
        ("Rents rose, the agency said.\n\n1. Figures for April are estimates.", ""),
    ],
)
def test_furniture_notes_at_end_are_the_numbered_lines_under_the_article(text, notes):
    assert text[notes_at_end(text) :] == notes
