"""The switches of the names guard (:mod:`lagebild.enrich.names`): one name per rule.

Every rule of the guard asks :func:`on` when it runs, so a
measurement (or a test) that sets ``RULES`` to a smaller set gets the guard without those
rules; ``resolve`` reads ``town_adjective_name`` here too.
"""

from __future__ import annotations

# Round-4 rules (each measured on its own on the dev pool, docs/benchmarks.md "Fourth round").
RULES = frozenset(
    {
        "initial_word",
        "lone_noun_person",
        "inflected_lead",
        "noun_lead",
        "noun_tail",
        "caps_heading",
        "lone_known_person",
        "slash_split",
        # round 5 (docs/benchmarks.md "Fifth round")
        "fragment",
        "hyphen_noun",
        "list_type",
        "lead_determiner",
        "lone_adjective",
        "role_council",
        # round 6 (docs/benchmarks.md "Sixth round")
        "role_lead",
        # round 7 (docs/benchmarks.md "Seventh round")
        "place_lead",
        "role_short_head",
        "org_for",
        "dateline_initial",
        "in_place",
        "pair_type",
        "lone_compound_person",
        "town_adjective_name",  # (read by resolve)
        "club_number",
        "initial_adjective_lead",
        "bare_institution",
        # English (PolNeAR check, after the German rules were frozen)
        "en_possessive_inner",
        # round 8 (docs/benchmarks.md "Eighth round")
        "lower_piece",
        "apposition_vote",
        "thing_apposition",
        "bei_place",
        "genitive_lead",
        # round 9 (docs/benchmarks.md "Ninth round")
        "role_heads_more",
        "org_designator_more",
        "event_head",
        "apposition_more",
        "slash_dateline",
        "truncated_compound",
        "nominal_infinitive",
        "lone_town_adjective",
        "collective_plural",
        "town_adjective_plural",
        "place_particle",
        "surname_place",
        "acronym_paren",
        "first_name_join",
        "self_surname",
        "amount_span",
        # round 10 (docs/benchmarks.md "Tenth round"; lagebild.enrich.names_cues)
        "country_code",
        "club_context",
        "lone_person_cue",
        "role_lead_more",
        "person_place_join",
        # round 11 (docs/benchmarks.md "Eleventh round"; lagebild.enrich.names_repairs)
        "url_cut",
        "glued_lead",
        "split_person_join",
        "person_cue_type",
        "club_suffix",
        "hyphen_role_head",
        "club_pairing",
        "model_code",
        # round 12 (docs/benchmarks.md "Twelfth round"; lagebild.enrich.names_confidence)
        "low_confidence",
        "brand_product",
        # round 12b (lagebild.enrich.names_layout)
        "interview_label",
        "caps_determiner",
        "dash_pair",
        # round 13 (lagebild.enrich.names_sports; resolve)
        "sports_town",
        "sports_opponent",
        "vessel_apposition",
        "genitive_name",
        "referee_lead",
        "venue_glue",
        "english_alias",
        # round 14 (lagebild.enrich.names_companies)
        "company_cue",
        "genitive_join",
        "place_compound",  # (read by resolve)
        "genitive_y",  # (names_genitive)
        "team_suffix",
        "counted_noun",
        # round 15 (lagebild.enrich.names_english_caps; resolve)
        "en_thing_person",
        "unit_after_number",
        "caps_outlet",
        "caps_dateline",
        "caps_role_label",
        "caps_fold",  # (read by resolve)
        "lone_first_name",  # (read by resolve)
        # after round 15's freeze (docs/benchmarks.md "Fifteenth round", ROUND15B)
        "gazetteer_kin",  # (read by resolve)
        # round 16 (lagebild.enrich.names_english_types; English articles only)
        "en_hashtag",
        "en_acronym_org",
        "en_company_cue",
        "en_mention_type",
        "en_common_word",
        "en_glued_split",
        # after round 16's freeze (ROUND16B)
        "en_law",
        "en_place_inside",  # (read by resolve)
        # round 17 (names_english_places, _headlines, _persons, _heads, _titles; English only)
        "en_american_group",  # (read by resolve)
        "en_title_line",
        "en_caps_run",
        "en_dash_cut",
        "en_phrase_person",
        "en_lead_word",
        "en_group_noun",
        "en_name_head",
        "en_person_cue",
        "en_quoted_title",
        "en_bracket_source",
        # round 18 (names_english_venues, _places; resolve, names_context)
        "en_venue",
        "en_by_event",
        "en_committee",
        "en_word_person",
        "en_place_surname",  # (read by resolve)
        "en_german_article",  # (read by resolve)
        "initial_line",  # (names_context: an initial's name never runs over a line break)
        # round 19 (names_english_products; English only)
        "en_company_suffix",
        "en_product",
        "en_related_line",
        "en_glued_tail",
    }
)


def on(rule: str) -> bool:
    """Is the guard's rule ``rule`` switched on (in :data:`RULES` as it is now)?"""
    return rule in RULES
