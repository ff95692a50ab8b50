"""The verbs that introduce what someone said or thought: the quote rules' lexicon,
shared by :mod:`.quotes` (candidates) and :mod:`.quote_cues` (the reader's bar)."""

from __future__ import annotations

__all__ = ["SPEECH_VERBS", "THOUGHT_VERBS", "STANCE_VERBS", "LEARNED_CUES"]

# Verbs that introduce a statement, belief or intention (PARC/PolNeAR cues); the most
# frequent cue lemmas of PolNeAR's training split plus common synonyms.
SPEECH_VERBS = frozenset(
    """say tell add write ask note report announce suggest argue explain declare state
    claim insist warn acknowledge admit recall respond reply answer conclude stress
    emphasize emphasise mention predict promise vow pledge deny confirm reveal indicate
    tweet post testify complain comment contend assert maintain reiterate repeat
    caution concede observe inform joke quip remark allege charge accuse criticize
    criticise praise urge propose demand question threaten signal describe call
    counter retort boast brag lament concur affirm assure announce disclose estimate
    advise recommend proclaim speculate hint imply acknowledge continue agree disagree
    dismiss reject blame order instruct forecast guarantee swear testify complain
    underline highlight point""".split()
)
THOUGHT_VERBS = frozenset(
    """think believe know feel fear hope expect worry doubt suspect understand realize
    realise want wish plan intend consider figure guess reckon assume decide
    see find show prove seem appear learn hear read""".split()
)
# Stances and evaluations that PolNeAR annotates as attributions ("backing Bush",
# "praised the efforts"): content is the object.
STANCE_VERBS = frozenset(
    """support back oppose endorse favor favour prefer praise applaud criticize criticise
    mock slam blast tout defend thank congratulate discuss mention talk speak cite refer
    name label brand accuse blame condemn denounce decry bemoan lament echo chant yell
    shout exclaim email retweet recognize regard disavow express vote choose
    encourage welcome hail credit attack question challenge dispute ridicule pan
    acknowledge recount recap highlight champion advocate pledge""".split()
)
# Verbs marked as cues in at least 40% of their (at least 4) occurrences in the first 400
# training documents of PolNeAR, not covered above ("hop" is spaCy's lemma of "hopes").
LEARNED_CUES = frozenset(
    """offer seek decline refuse hop view remind present list portray press introduce deem
    apologize apologise wonder assail rail allude quote document plead recite title
    distance reference rebuff underscore detail vouch articulate dwell balk liken
    interpret repudiate envision rebut coin dub clarify rebuke deride utter""".split()
)
