"""Throughput of the lexical scanner: 1 MB of generated course text against every lexicon and phrase set.

Run: ``python bench/scan.py [--megabytes 1] [--repeat 5] [--dense]``. Prints MB/s (best CPU time of the
repeats) for the raw matchers of the 9 lexicons, for the full course scan of the 9 lexicons (context
classification and decisions included) and of every lexicon and phrase set, each with its ratio to
``json.loads`` of the same course. The text is generated from a fixed bank of sentences with a
fixed seed, so every run scans the same input.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import vetkit
from vetkit.examples import base_course
from vetkit.lexical import Lexicon, find_phrases, find_violations, scan_course
from vetkit.text import Corpus

SEED = 20261125

#: Ordinary course sentences (most of the text) and sentences with lexicon hits (about one in eight).
PLAIN = [
    "Patrol officers often meet trafficked people during routine calls without knowing it.",
    "Labor trafficking happens in restaurants, farms, construction sites, cleaning crews and private homes.",
    "Ask open questions, listen, and write down what you saw rather than what you concluded.",
    "A qualified interpreter is arranged through the department's language line before the interview.",
    "The advocate explains the person's rights and the services available in plain language.",
    "Document who held the identification documents and where the workers slept.",
    "Coercion includes threats of serious harm, schemes, and abuse of the legal process.",
    "Support is offered regardless of whether the person agrees to give a statement.",
    "Separate the person from anyone who may be controlling them, using an ordinary reason.",
    "The supervisor reviews the report for trafficking indicators before it is closed.",
    "Many people do not self-identify as victims and may fear police or deportation.",
    "Debt that grows faster than it can be repaid is a common means of control.",
    "Notify the on-call investigator assigned to the regional task force.",
    "Minors in commercial sex are victims; no proof of force, fraud or coercion is required.",
    "Record the person's own words in quotation marks in the narrative section.",
    "The task force meets monthly to review open cases with prosecutors and victim services.",
    "Offer water, a place to sit and a break before asking further questions.",
    "Wage and Hour investigators may refer labor cases that show signs of forced labor.",
    "Explain who you are, why you are there and what will happen next.",
    "The National Human Trafficking Hotline can be reached at 1-888-373-7888 or by texting 233733.",
    "Check first impressions against what you actually observed at the scene.",
    "Officers should consider whether the offense was committed under compulsion.",
    "Financial records, phones and online advertisements can corroborate the account.",
    "The course was reviewed in March by the training committee and two survivor consultants.",
    "Roll-call segments run fifteen to twenty minutes and end with a short check.",
    "The facilitator reads the scenario aloud and asks each squad to list what they noticed.",
    "Most calls that involve exploitation arrive as something else: a noise complaint, a wellness check, a theft.",
    "A worker who sleeps at the job site and cannot say where she is may need a closer look.",
    "Write the narrative in plain language and avoid conclusions you cannot support.",
    "The county prosecutor's office reviews every referral within two business days.",
    "Use the pocket card to walk through the notification steps in order.",
    "Keep the interview short, offer breaks, and let the person decide where to sit.",
    "If the person is a minor, notify child protective services as state law requires.",
    "The employer kept the workers' passports in a locked drawer in the office.",
    "Investigators should obtain payroll records and compare them with the hours actually worked.",
    "A translated consent form is not a substitute for a qualified interpreter at the interview.",
    "Agencies that train together tend to share information more readily on live cases.",
    "The debrief asks participants what they would do differently at the next contact.",
    "Technology can connect recruiters and buyers in minutes; phones often hold the most useful evidence.",
    "Officers rotate through the peer support program after difficult cases.",
    "The state statute mirrors the federal definitions but adds a separate offense for patronizing.",
    "Ask about living conditions, pay, and whether the person can leave the job if they want to.",
    "Farmworkers recruited through a labor contractor may owe large fees before they ever start.",
    "The dispatcher noted that the caller answered questions as if someone were listening.",
    "Victim specialists can arrange emergency shelter, food, and medical care the same night.",
    "Evaluate the course after each delivery and again three months later with the supervisors.",
    "The case file should show who was notified, when, and what the advocate offered.",
    "Cultural factors can shape how a person describes their work and their relationships.",
    "Spanish, Mandarin and Vietnamese speakers made up most of the limited-English callers last year.",
    "Construction crews moved between sites every few weeks, which made records hard to follow.",
    "The nail salon owner provided housing above the shop and deducted rent from every paycheck.",
    "Review the agency policy on non-criminalization with your sergeant before the next shift.",
    "A shift supervisor can authorize overtime for an interpreter on short notice.",
    "People who were exploited may distrust any uniform, including those of firefighters and paramedics.",
    "The slides include a map of regional service providers with after-hours phone numbers.",
    "Local task force members meet quarterly with labor inspectors from the state department.",
    "A survivor consultant reviewed the scenarios for realism and tone.",
    "Participants practice the first five minutes of contact in pairs, then switch roles.",
    "Report writing improves when officers describe behavior instead of labeling it.",
    "The training budget covers one instructor from victim services for every session.",
    "Restitution orders can include back wages that the employer never paid.",
    "Immigration options exist for some victims, and the investigator's early request matters.",
    "Hospitality workers often see warning signs first, so the hotel outreach program matters.",
]
HITS = [
    "Officers rescued four women from the massage parlor during the operation.",
    'Traffickers call the street "the track" and refer to their way of living as "the life".',
    "Never refer to a fifteen-year-old as a child prostitute; she is a victim of trafficking.",
    "Myth: Trafficking requires moving a person across a state line. Fact: No movement is needed.",
    "The average age of entry into prostitution is 13, according to an old flyer.",
    "The Super Bowl is said to bring a spike in trafficking, which reviews did not find.",
    "The pimp kept the money and set a nightly quota.",
    "Do not ask the boyfriend to interpret for her.",
    "Services are available only if the victim agrees to cooperate with the prosecution.",
    "Human trafficking is the fastest-growing criminal industry in the world.",
    "The slide shows a girl in chains behind bars.",
    "The 2012 ILO estimate of 20.9 million is out of date.",
    "Victims will ask for help when they are ready.",
    "The film Taken is not a realistic model of how recruitment works.",
]


def generate_course(megabytes: float, seed: int = SEED, hit_rate: float = 0.03) -> dict:
    """A valid course whose module texts add up to about ``megabytes`` of text.

    About ``hit_rate`` of the sentences contain a lexicon hit (3 % by default: several per module,
    more than a clean course has); ``--dense`` uses 12 % and fewer plain sentences, a stress case.
    """
    rng = random.Random(seed)
    plain = PLAIN if hit_rate < 0.1 else PLAIN[:24]
    target = int(megabytes * 1_000_000)
    modules, size, index = [], 0, 0
    while size < target:
        paragraphs = []
        for _ in range(rng.randint(6, 12)):
            sentences = [rng.choice(HITS) if rng.random() < hit_rate else rng.choice(plain)
                         for _ in range(rng.randint(3, 7))]
            paragraphs.append(" ".join(sentences))
        text = f"### Part {index + 1}\n\n" + "\n\n".join(paragraphs)
        size += len(text)
        index += 1
        modules.append({"id": f"M{index}", "title": f"Module {index}", "minutes": 30, "objectiveIds": ["O1"],
                        "topics": ["labor-trafficking", "sex-trafficking"], "text": text})
    course = base_course()
    course["modules"] = modules
    return course


def _best(function, repeat: int) -> float:
    """The smallest CPU time of ``repeat`` runs (CPU time, so that other processes on the machine matter less)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dense", action="store_true", help="12 %% hit sentences from a small bank (stress case)")
    args = parser.parse_args()

    data = generate_course(args.megabytes, hit_rate=0.12 if args.dense else 0.03)
    raw = json.dumps(data)
    course = vetkit.load_course(data)
    registry = vetkit.Engine().lexicons
    everything = [registry.get(name) for name in registry.names()]
    lexicons = [item for item in everything if isinstance(item, Lexicon) or item.kind == "must-not-contain"]
    for item in everything:  # compile once, as a process does
        item.matcher
    texts = course.texts()
    megabytes = sum(len(t.text) for t in texts) / 1_000_000

    def raw_matchers(items) -> None:
        corpus = Corpus(texts)  # fresh: word sets and positions are part of the cost
        for item in items:
            item.matcher.scan(corpus.prepared)

    def full_scan(items) -> None:
        fresh = vetkit.Course(course.data)  # fresh: no cached scan
        for item in items:
            if isinstance(item, Lexicon):
                scan_course(fresh, item)
            elif item.kind == "must-not-contain":
                find_violations(fresh, item)
            else:
                find_phrases(fresh, item)

    json_time = _best(lambda: json.loads(raw), args.repeat)
    hits = sum(len(scan_course(course, item)) for item in lexicons if isinstance(item, Lexicon))
    print(f"text: {megabytes:.2f} MB in {len(texts)} fields ({'dense' if args.dense else 'typical'}, seed {SEED}); "
          f"{hits} hits of the term lexicons")
    print(f"json.loads of the same course ({len(raw) / 1e6:.2f} MB): {json_time * 1000:.1f} ms")
    for label, items, function in (
            (f"raw matchers, {len(lexicons)} lexicons", lexicons, raw_matchers),
            (f"full scan (context + decisions), {len(lexicons)} lexicons", lexicons, full_scan),
            (f"full scan, {len(everything)} lexicons and phrase sets", everything, full_scan)):
        elapsed = _best(lambda: function(items), args.repeat)
        print(f"{label}: {elapsed * 1000:.1f} ms = {megabytes / elapsed:.1f} MB/s; "
              f"{elapsed / json_time:.0f}x json.loads")


if __name__ == "__main__":
    main()
