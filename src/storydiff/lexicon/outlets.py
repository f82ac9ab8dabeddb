"""News outlets: wire credits in datelines, outlet words in recipients, short names.

``WIRE_CREDITS`` maps a dateline credit as printed ("(AP)") to the outlet's
name; ``OUTLET_WORDS`` are the words that make a recipient a news outlet
("told Russian news agencies"); ``OUTLET_ALIASES`` gives the long form of an
outlet's initials, so that "AP" and "The Associated Press" compare equal; ``PLATFORMS`` are where people
post, never who posted.
"""

from __future__ import annotations

from storydiff.lexicon.words import word_set

# Wire services and outlets that appear as a credit in a dateline, "(Reuters)".
WIRE_CREDITS: dict[str, str] = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "the associated press": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "upi": "UPI",
    "dpa": "dpa",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ians": "IANS",
    "pti": "PTI",
}

# Words that make a recipient a news outlet ("told Russian news agencies").
OUTLET_WORDS: frozenset[str] = word_set(
    """
    abc afp agencies agency ap axios bbc bloomberg breitbart buzzfeed cbs cnn daily
    fox gazette guardian herald huffpost interfax journal magazine msnbc nbc news
    newspaper newspapers npr observer pbs politico post radio reuters ria tass
    telegraph television times tribune tv wire
    """
)

# Platforms people post on, as printed: where something was said, never who said it ("In a Twitter post,
# Griffin said ...": the small tagger sometimes calls "Twitter" a person).
PLATFORMS: frozenset[str] = frozenset((
    "Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "Snapchat", "Reddit", "LinkedIn", "WhatsApp",
    "Telegram", "Tumblr", "Bluesky", "Mastodon", "Truth Social",
))

# Initials an outlet goes by, lower-cased, and the name they stand for.
OUTLET_ALIASES: dict[str, str] = {"ap": "associated press", "afp": "agence france-presse"}
