"""A test-only vetkit plugin: six small rules and the rubric ``golden-test``.

The report tests score courses with it instead of the built-in plugins, so that their
expectations change only when vetkit's engine or renderers change. Registered like a third
party: ``vetkit_golden_plugin-1.0.dist-info`` beside this file declares the entry point
``golden`` (put this folder on ``sys.path`` and set ``VETKIT_LOAD_PLUGINS=golden``), or pass
the module to ``vetkit.Engine(entry_points=False, plugins=[...])``.

Outcomes by course: GT-01 fails for modules under 10 minutes (error, essential); GT-02 fails
for objectives that do not start with an observable verb; GT-03 fails for objectives that
are not both taught and assessed; GT-04 needs a hotline resource; GT-05 is a reviewer
question; GT-06 applies only to self-paced courses.
"""

import vetkit

OBSERVABLE = {"apply", "analyze", "assess", "classify", "complete", "conduct", "demonstrate", "describe",
              "distinguish", "document", "evaluate", "explain", "identify", "interview", "list", "locate",
              "name", "recognize", "refer", "select", "state", "use", "write"}

RUBRIC = {
    "id": "golden-test", "version": "1.0", "title": "Golden test rubric",
    "description": "Six fixed criteria for vetkit's report tests.",
    "verdict": {"rule": "severity"},
    "criteria": {"GT-01": {"essential": True}, "GT-02": {}, "GT-03": {}, "GT-04": {}, "GT-05": {}, "GT-06": {}},
}


def module_minutes(ctx):
    findings = [ctx.finding(f"{pointer}/minutes", f"Module {module['id']} runs {module.get('minutes', 0)} minutes.",
                            evidence=module.get("title", ""))
                for pointer, module in ctx.course.entries("modules") if module.get("minutes", 0) < 10]
    if findings:
        return ctx.failed(f"{len(findings)} module(s) run under 10 minutes", findings)
    return ctx.passed("Every module runs at least 10 minutes")


def objective_verbs(ctx):
    findings = []
    for pointer, objective in ctx.course.entries("objectives"):
        words = objective.get("text", "").split()
        verb = (objective.get("verb") or (words[0] if words else "")).lower().strip(",.;:")
        if verb not in OBSERVABLE:
            findings.append(ctx.finding(f"{pointer}/text", f"\"{verb}\" is not an observable action.",
                                        evidence=objective.get("text", ""), term=words[0] if words else None))
    if findings:
        return ctx.failed(f"{len(findings)} objective(s) lack an observable verb", findings)
    return ctx.passed("Every objective starts with an observable verb")


def taught_and_assessed(ctx):
    from vetkit.alignment import alignment_map

    amap = alignment_map(ctx.course)
    findings = []
    for row in amap.objectives:
        gaps = [word for word, ok in (("taught", row.taught), ("assessed", row.assessed)) if not ok]
        if gaps:
            findings.append(ctx.finding(row.pointer, f"Objective {row.id} is not {' or '.join(gaps)}.",
                                        evidence=row.text))
    if findings:
        return ctx.failed(f"{len(findings)} objective(s) are not both taught and assessed", findings,
                          score=1 - len(findings) / max(len(amap.objectives), 1))
    return ctx.passed("Every objective is taught and assessed")


def hotline(ctx):
    for pointer, resource in ctx.course.entries("resources"):
        if resource.get("type") == "hotline":
            return ctx.passed("A hotline is listed",
                              [ctx.finding(pointer, f"Hotline: {resource.get('name', '')}", effect="note")])
    return ctx.failed("No hotline is listed", [ctx.finding("", "The course lists no hotline resource.")])


def self_paced_captions(ctx):
    if "self-paced" not in ctx.course.data["delivery"]["modes"]:
        return ctx.not_applicable("The course is not self-paced")
    videos = [(p, m) for p, m in ctx.course.entries("materials") if m.get("type") == "video"]
    missing = [ctx.finding(p, f"Video {m['id']} has no captions.") for p, m in videos
               if not (m.get("accessibility") or {}).get("captions")]
    return ctx.failed("Videos lack captions", missing) if missing else ctx.passed("Videos are captioned")


def _rule(rule_id, title, severity, category, check, how_to_fix, **extra):
    return vetkit.Rule(id=rule_id, title=title, severity=severity, method=["manual"] if check is None else ["auto"],
                       rationale=f"{title} (a fixed rule for vetkit's report tests).", how_to_fix=how_to_fix,
                       category=category, check=check, **extra)


RULES = [
    _rule("GT-01", "Modules run at least 10 minutes", "error", "delivery", module_minutes,
          "Merge short segments or give them the time they need."),
    _rule("GT-02", "Objectives start with an observable verb", "warning", "learning", objective_verbs,
          "Start each objective with a verb a trainer can observe, such as identify or describe."),
    _rule("GT-03", "Objectives are taught and assessed", "warning", "learning", taught_and_assessed,
          "Link every objective to a module or activity and to an assessment item."),
    _rule("GT-04", "Lists a trafficking hotline", "error", "resources", hotline,
          "Add the national hotline as a resource of type hotline."),
    _rule("GT-05", "Tone is respectful of survivors", "info", "trauma-informed", None,
          "Rewrite passages that blame or sensationalise.",
          question="Is the tone of the course respectful of survivors throughout?"),
    _rule("GT-06", "Self-paced videos are captioned", "warning", "delivery", self_paced_captions,
          "Caption every video."),
]


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in RULES:
        register(rule)


@vetkit.hookimpl
def vetkit_register_rubrics(register):
    register(RUBRIC)
