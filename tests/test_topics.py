"""The topic model: the shipped files, deterministic scoring, the evidence sentences shown, and the refit check."""

from __future__ import annotations

import json
from collections import Counter
from importlib.resources import files

import pytest

from vetkit.course import Course
from vetkit.topics import CourseTopics, profiles
from vetkit.topics import training
from vetkit.topics.model import CUE_FEATURES, FEATURES, shipped


def module_course(title: str, text: str, **declared) -> Course:
    return Course({"vetkit": "1.0", "id": "T", "title": "T", "version": "1",
                   "modules": [{"id": "M1", "title": title, "minutes": 60, "objectiveIds": [], "text": text,
                                **declared}]})


def corpus_text(text_id: str) -> dict:
    return next(text for text in training.load_corpus() if text["id"] == text_id)


class TestShippedModel:
    def test_every_tag_profile_has_a_bias_an_intercept_and_word_weights(self):
        data = files("vetkit").joinpath("data", "topics")
        combining = json.loads(data.joinpath("model.json").read_text(encoding="utf-8"))
        words = json.loads(data.joinpath("words.json").read_text(encoding="utf-8"))
        names = sorted(f"{vocabulary}:{tag}" for vocabulary, tag in profiles())
        assert len(names) == 86
        assert sorted(combining["weights"]["bias"]) == words["tags"] == names
        assert len(words["intercepts"]) == 86
        tags_with_weights = {int(row[0]) for rows in words["words"].values() for row in rows if row[1]}
        tags_with_profiles = {int(row[0]) for rows in words["words"].values() for row in rows if row[2]}
        assert tags_with_weights == tags_with_profiles == set(range(86))
        assert combining["features"] == list(FEATURES) and combining["cue_features"] == list(CUE_FEATURES)

    def test_weights_are_pruned_to_the_vocabulary(self):
        words = json.loads(files("vetkit").joinpath("data", "topics", "words.json").read_text(encoding="utf-8"))
        per_tag = Counter(int(row[0]) for rows in words["words"].values() for row in rows if row[1])
        assert max(per_tag.values()) <= training.KEEP
        assert set(words["words"]) <= set(words["idf"])

    def test_one_threshold_decides_declared_and_undeclared_tags(self):
        assert list(shipped().thresholds) == ["detect"] and 0 < shipped().thresholds["detect"] < 1

    def test_the_joint_word_table_scores_as_the_word_score_and_similarity_do(self):
        """The run-time path (one joint table per word) gives the confidences of the model's own formula."""
        model = shipped()
        for text_id in ("A-002", "B-004"):
            text = corpus_text(text_id)
            reading = training.read_text(text["title"], text["text"])
            vector = model.words.vector(reading.words)
            scores, similarities = model.words.scores(vector)
            fast = model.confidences(reading.cues, reading.no_cue, vector)
            for key in model.keys:
                slow = model.confidence(key, reading.cues.get(key, reading.no_cue), similarities[key], scores[key])
                assert fast[key] == pytest.approx(slow, abs=1e-12)


class TestScoring:
    TEXT = ("Traffickers confiscated their passports and told the workers the debt grew every week. "
            "The crew slept in a trailer behind the packing shed. Nobody was allowed to leave the farm.")

    def test_scoring_the_same_text_twice_gives_the_same_evidence(self):
        first = CourseTopics(module_course("The packing shed", self.TEXT)).units
        second = CourseTopics(module_course("The packing shed", self.TEXT)).units
        assert first == second

    def test_a_unit_without_words_in_the_vocabulary_scores_from_its_biases(self):
        model = shipped()
        assert model.words.vector({"zzzq": 3}) == {}
        confidences = model.confidences({}, [0.0] * 6, {})
        intercepts = dict(zip(model.words.keys, model.words.intercepts))
        assert confidences == {key: model.confidence(key, [0.0] * 6, 0.0, intercepts[key]) for key in model.keys}

    def test_cue_sentences_are_the_evidence_of_a_tag_with_cues(self):
        unit = CourseTopics(module_course("The packing shed", self.TEXT)).modules()[0]
        found = unit.evidence[("topics", "control-methods")]
        assert [sentence.text for sentence in found.sentences] == [
            "Traffickers confiscated their passports and told the workers the debt grew every week."]
        assert "confiscated their passports" in found.cues and "debt grew" in found.cues


class TestWordEvidence:
    """A tag the word model decides without any cue sentence shows the 1 to 3 sentences whose words add most to
    its word score, in document order."""

    def decided_by_words(self):
        model = shipped()
        for text in training.load_corpus():
            topics = CourseTopics(module_course(text["title"], text["text"]))
            unit = topics.modules()[0]
            for key, found in unit.evidence.items():
                if found.taught and not found.cues:
                    return model, topics, unit, key, found
        raise AssertionError("no tag of the corpus is decided by its words alone")

    def test_the_sentences_are_those_that_weigh_most(self):
        model, topics, unit, key, found = self.decided_by_words()
        vector = model.words.vector(topics.reading(unit.pointer).words)
        sentences = topics._sentences[unit.pointer]
        weight = {sentence.number: model.words.contribution(key, vector, topics.index.words(sentence))
                  for sentence in sentences}
        chosen = [sentence.number for sentence in found.sentences]
        assert 1 <= len(chosen) <= 3 and chosen == sorted(chosen)
        assert all(weight[number] > 0 for number in chosen)
        assert min(weight[number] for number in chosen) >= max(
            (weight[number] for number in weight if number not in chosen), default=0.0)

    def test_the_tag_is_taught_from_detect_confidence(self):
        model, _, _, _, found = self.decided_by_words()
        assert not found.declared and found.confidence >= model.thresholds["detect"]

    def test_a_declared_tag_below_detect_is_not_taught(self):
        """Declaring a tag never lowers the bar: the same text teaches it, or not, with or without the tag."""
        detect = shipped().thresholds["detect"]
        for text in training.load_corpus():
            reading = training.read_text(text["title"], text["text"])
            confidences = shipped().confidences(reading.cues, reading.no_cue, shipped().words.vector(reading.words))
            below = [key for key in reading.cues if confidences[key] < detect]
            if below:
                vocabulary, tag = below[0]
                declared = CourseTopics(module_course(text["title"], text["text"], **{vocabulary: [tag]}))
                bare = CourseTopics(module_course(text["title"], text["text"]))
                found = declared.modules()[0].evidence[(vocabulary, tag)]
                assert found.declared and found.sentences and found.confidence < detect
                assert not declared.modules()[0].teaches(tag, vocabulary)
                assert declared.course_tags(vocabulary) == bare.course_tags(vocabulary)
                return
        raise AssertionError("no corpus text has a cue below detect")

    def test_a_declared_tag_the_text_does_not_speak_of_has_no_sentence_and_is_not_taught(self):
        course = module_course("Radio procedure", "Key the microphone and wait one second before speaking.",
                               typologies=["fishing-seafood"])
        unit = CourseTopics(course).modules()[0]
        found = unit.evidence[("typologies", "fishing-seafood")]
        assert (found.declared, found.sentences, found.cues) == (True, (), ())
        assert found.confidence < shipped().thresholds["detect"]
        assert not unit.teaches("fishing-seafood", "typologies")


class TestShown:
    INTERVIEWING = ("Interview the person alone, away from anyone who may control them, with an advocate present. "
                    "Explain who you are, what happens next and that help does not depend on cooperating. "
                    "Offer choices: a break, water, a different interviewer. "
                    "Expect a partial account at first; trauma affects memory, and a later interview often adds "
                    "detail. Ask open questions and avoid asking why the person did not leave. "
                    "In one of our cases the interviewer learned only later that the recruiter was a female "
                    "trafficker. Record the person's own words and end by saying how to reach you.")

    def test_one_plain_sentence_shows_a_kind_of_trafficker_the_module_does_not_teach(self):
        """A module on interviewing names a female trafficker once: not taught, but shown for the range criteria."""
        topics = CourseTopics(module_course("Interviewing", self.INTERVIEWING))
        assert not topics.modules()[0].teaches("trafficker-women")
        assert "trafficker-women" not in topics.course_tags()
        assert "trafficker-women" in topics.shown_tags()

    def test_a_supporting_word_alone_shows_nothing(self):
        """"Recruiter" alone is a supporting cue: without a strong one the kind of trafficker is not shown."""
        text = self.INTERVIEWING.replace("was a female trafficker", "had lied to her")
        assert "trafficker-women" not in CourseTopics(module_course("Interviewing", text)).shown_tags()


class TestTraining:
    def test_the_shipped_model_matches_a_refit(self, capsys):
        """The fit is deterministic: refitting on the corpus writes the shipped files byte for byte."""
        assert training.main(["--check"]) == 0
        assert capsys.readouterr().out == "the shipped model matches a refit\n"
