//! The shape of the journey, from petgraph: entries, exits, reachability, repeat cycles, the
//! main path, how many routes there are, and steps that go backwards.

use super::ctx::{count, list_text, Ctx};
use super::{Finding, FindingKind, Out, Severity};
use crate::model::*;
use petgraph::algo::{dijkstra, kosaraju_scc, toposort};
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::{Dfs, EdgeRef, Reversed};
use petgraph::Direction::{Incoming, Outgoing};

/// Above this many routes the count says "more than" instead of counting on.
pub const PATH_COUNT_LIMIT: u64 = 10_000;

/// How many steps the route search may take before it gives up with a lower bound. Counting
/// simple paths is exponential in the worst case; this keeps a pathological journey (a dense
/// tangle of return visits) to a few milliseconds.
const PATH_SEARCH_STEPS: usize = 200_000;

/// The shape of the journey.
///
/// Self-loops (a transition from a touchpoint to itself) are ignored when deciding whether a
/// touchpoint has a way in or out: a touchpoint that only loops back to itself is isolated.
/// An isolated touchpoint is reported only as isolated, not also as an entry, exit, dead end
/// or unreachable touchpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// Touchpoints with a way out and no way in: where customers start.
    pub entries: Vec<TouchpointId>,
    /// Touchpoints where the journey can end: those with no way out, and those marked as a
    /// journey end even if the journey can also continue.
    pub exits: Vec<TouchpointId>,
    /// Touchpoints no entry point leads to (isolated ones excepted).
    pub unreachable: Vec<TouchpointId>,
    /// Touchpoints with a way in, no way out, not marked as a journey end.
    pub dead_ends: Vec<TouchpointId>,
    /// Touchpoints with no transition to or from another touchpoint.
    pub isolated: Vec<TouchpointId>,
    /// The journey's repeat cycles, ordered by their first touchpoint.
    pub cycles: Vec<Cycle>,
    pub main_path: Option<MainPath>,
    /// Distinct simple routes (no touchpoint visited twice) from any entry to any exit,
    /// counting each sequence of touchpoints once even if parallel transitions join them.
    pub path_count: PathCount,
    /// Transitions to an earlier stage that are not marked as return visits.
    pub backward: Vec<TransitionId>,
}

/// A set of touchpoints customers can come back round through: a strongly connected
/// component of two or more touchpoints, or one touchpoint with a transition to itself.
/// A component can hold several overlapping loops; it is reported once, as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    /// In reading order (stage, then list position), so the loop reads left to right.
    pub touchpoints: Vec<TouchpointId>,
    /// The transitions between them, in the journey's transition order.
    pub transitions: Vec<TransitionId>,
}

/// The main path: from the first entry (earliest stage, then earliest in the list) to the
/// last exit reachable from it (latest stage, then latest in the list), choosing the route
/// with the fewest return visits, then the fewest recovery steps, then the fewest
/// alternatives, then the fewest steps: the happy path a customer takes when everything goes
/// as designed. Equal routes are split by preferring, walking back from the exit, the
/// transition that comes first in the journey's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainPath {
    pub touchpoints: Vec<TouchpointId>,
    /// One fewer than touchpoints: the step from each touchpoint to the next.
    pub transitions: Vec<TransitionId>,
    /// How many distinct stages the path passes through.
    pub stages_covered: usize,
}

/// A count of routes that stops counting at a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathCount {
    Exactly(u64),
    /// More routes than the limit held (the limit is [`PATH_COUNT_LIMIT`]).
    MoreThan(u64),
    /// The search ran out of steps in a tangle of loops before finishing; at least this many
    /// routes exist, and it stayed at or under the limit.
    AtLeast(u64),
}

impl PathCount {
    /// "12", "more than 10,000", "at least 40".
    pub fn describe(self) -> String {
        match self {
            PathCount::Exactly(n) => thousands(n),
            PathCount::MoreThan(n) => format!("more than {}", thousands(n)),
            PathCount::AtLeast(n) => format!("at least {}", thousands(n)),
        }
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Node weights are unused: node `i` is touchpoint `i`. Edge weights are transition positions.
type Graph = DiGraph<(), usize>;

pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> Structure {
    let j = cx.j;
    let n = j.touchpoints.len();
    let mut g = Graph::with_capacity(n, j.transitions.len());
    for _ in 0..n {
        g.add_node(());
    }
    for (k, ends) in cx.ends.iter().enumerate() {
        if let Some((a, b)) = *ends {
            g.add_edge(NodeIndex::new(a), NodeIndex::new(b), k);
        }
    }

    let has = |i: usize, dir| {
        let v = NodeIndex::new(i);
        g.neighbors_directed(v, dir).any(|w| w != v)
    };
    let has_in: Vec<bool> = (0..n).map(|i| has(i, Incoming)).collect();
    let has_out: Vec<bool> = (0..n).map(|i| has(i, Outgoing)).collect();
    let isolated = cx.select(|i, _| !has_in[i] && !has_out[i]);
    let entries = cx.select(|i, _| !has_in[i] && has_out[i]);
    let is_exit = |i: usize| (has_in[i] || has_out[i]) && (!has_out[i] || cx.tp(i).journey_end);
    let exits = cx.select(|i, _| is_exit(i));
    let dead_ends = cx.select(|i, t| has_in[i] && !has_out[i] && !t.journey_end);

    let mut from_entries = Dfs::empty(&g);
    from_entries
        .stack
        .extend(entries.iter().map(|&i| NodeIndex::new(i)));
    let mut reached = vec![false; n];
    while let Some(v) = from_entries.next(&g) {
        reached[v.index()] = true;
    }
    let unreachable = cx.select(|i, _| !reached[i] && (has_in[i] || has_out[i]));

    let cycles = cycles(cx, &g);
    let main_path = main_path(cx, &g, &entries, &exits);
    let path_count = path_count(cx, &g, &entries, &is_exit, cycles.is_empty());
    let backward: Vec<usize> = j
        .transitions
        .iter()
        .enumerate()
        .filter(|(_, tr)| tr.kind != TransitionKind::Return)
        .filter_map(|(k, _)| {
            let (a, b) = cx.ends[k]?;
            let (from, to) = (cx.stage_of[a]?, cx.stage_of[b]?);
            (to < from).then_some(k)
        })
        .collect();

    findings(
        cx,
        out,
        Lists {
            entries: &entries,
            exits: &exits,
            unreachable: &unreachable,
            dead_ends: &dead_ends,
            isolated: &isolated,
            backward: &backward,
        },
        &cycles,
        main_path.as_ref(),
        path_count,
    );

    Structure {
        entries: cx.ids(&entries),
        exits: cx.ids(&exits),
        unreachable: cx.ids(&unreachable),
        dead_ends: cx.ids(&dead_ends),
        isolated: cx.ids(&isolated),
        cycles: cycles
            .iter()
            .map(|(tps, trs)| Cycle {
                touchpoints: cx.ids(tps),
                transitions: trs.iter().map(|&k| j.transitions[k].id).collect(),
            })
            .collect(),
        main_path: main_path.map(|(tps, trs)| MainPath {
            stages_covered: {
                let mut stages: Vec<_> = tps.iter().filter_map(|&i| cx.stage_of[i]).collect();
                stages.sort_unstable();
                stages.dedup();
                stages.len()
            },
            touchpoints: cx.ids(&tps),
            transitions: trs.iter().map(|&k| j.transitions[k].id).collect(),
        }),
        path_count,
        backward: backward.iter().map(|&k| j.transitions[k].id).collect(),
    }
}

/// Repeat cycles as (touchpoint positions in reading order, transition positions).
fn cycles(cx: &Ctx, g: &Graph) -> Vec<(Vec<usize>, Vec<usize>)> {
    // Kosaraju rather than Tarjan: petgraph's Tarjan recurses once per touchpoint on a long
    // chain, which overflows the browser's small stack on a large journey.
    let mut component = vec![usize::MAX; g.node_count()];
    let mut found = Vec::new();
    for scc in kosaraju_scc(g) {
        let looped = scc.len() == 1 && g.find_edge(scc[0], scc[0]).is_some();
        if scc.len() > 1 || looped {
            for v in &scc {
                component[v.index()] = found.len();
            }
            let mut tps: Vec<usize> = scc.iter().map(|v| v.index()).collect();
            tps.sort_by_key(|&i| cx.place[i]);
            found.push((tps, Vec::new()));
        }
    }
    for e in g.edge_references() {
        let c = component[e.source().index()];
        if c != usize::MAX && c == component[e.target().index()] {
            found[c].1.push(*e.weight());
        }
    }
    for (_, trs) in &mut found {
        trs.sort_unstable();
    }
    found.sort_by_key(|(tps, _)| cx.place[tps[0]]);
    found
}

/// Step costs that make one route cheaper than another lexicographically: any number of
/// Next steps costs less than one alternative, and so on up. Each weight is 2^32 times the
/// one below, which stays exact for any route shorter than 2^32 steps.
fn step_cost(kind: TransitionKind) -> u128 {
    match kind {
        TransitionKind::Next => 1,
        TransitionKind::Alternative => 1 << 32,
        TransitionKind::Recovery => 1 << 64,
        TransitionKind::Return => 1 << 96,
    }
}

/// The main path as (touchpoint positions, transition positions); see [`MainPath`].
fn main_path(
    cx: &Ctx,
    g: &Graph,
    entries: &[usize],
    exits: &[usize],
) -> Option<(Vec<usize>, Vec<usize>)> {
    let start = NodeIndex::new(*entries.first()?);
    let cost = |e: EdgeIndex| step_cost(cx.j.transitions[g[e]].kind);
    let dist = dijkstra(g, start, None, |e| cost(e.id()));
    // `exits` is in reading order, so the last reachable one is the latest.
    let goal = exits
        .iter()
        .rev()
        .map(|&i| NodeIndex::new(i))
        .find(|v| dist.contains_key(v))?;

    // Dijkstra gives distances only; walking back along tight edges, earliest transition
    // first, picks one shortest route deterministically whatever order the heap popped in.
    let mut tps = vec![goal.index()];
    let mut trs = Vec::new();
    let mut v = goal;
    while v != start {
        let d = dist[&v];
        let (k, u) = g
            .edges_directed(v, Incoming)
            .filter(|e| {
                e.source() != v
                    && dist
                        .get(&e.source())
                        .is_some_and(|&du| du + cost(e.id()) == d)
            })
            .map(|e| (*e.weight(), e.source()))
            .min()
            .expect("a reached touchpoint other than the start has a tight incoming step");
        trs.push(k);
        tps.push(u.index());
        v = u;
    }
    tps.reverse();
    trs.reverse();
    Some((tps, trs))
}

fn path_count(
    cx: &Ctx,
    g: &Graph,
    entries: &[usize],
    is_exit: &dyn Fn(usize) -> bool,
    acyclic: bool,
) -> PathCount {
    let n = g.node_count();
    if entries.is_empty() || !(0..n).any(is_exit) {
        return PathCount::Exactly(0);
    }
    let bound = |total: u128| {
        if total > PATH_COUNT_LIMIT as u128 {
            PathCount::MoreThan(PATH_COUNT_LIMIT)
        } else {
            PathCount::Exactly(total as u64)
        }
    };
    let mut is_entry = vec![false; n];
    for &e in entries {
        is_entry[e] = true;
    }
    // Routes into each touchpoint, in an order where every predecessor comes first. The
    // route of length zero at an entry is seeded and then taken back off at the end.
    let count_routes = |order: &mut dyn Iterator<Item = usize>,
                        keep: &dyn Fn(usize, usize) -> bool| {
        let mut into = vec![0u128; n];
        let mut total = 0u128;
        // Parallel transitions join the same two touchpoints and do not make a different
        // route: `counted[u] == v` marks a predecessor already added for `v`.
        let mut counted = vec![usize::MAX; n];
        for v in order {
            let mut c = u128::from(is_entry[v]);
            for u in g.neighbors_directed(NodeIndex::new(v), Incoming) {
                let u = u.index();
                if u != v && counted[u] != v && keep(u, v) {
                    counted[u] = v;
                    c = c.saturating_add(into[u]);
                }
            }
            into[v] = c;
            if is_exit(v) {
                total = total.saturating_add(c - u128::from(is_entry[v]));
            }
        }
        total
    };

    if acyclic {
        let order = toposort(g, None).expect("no repeat cycles means no directed cycle");
        return bound(count_routes(
            &mut order.iter().map(|v| v.index()),
            &|_, _| true,
        ));
    }

    // With loops the count is a simple-path count, hard in general. The routes that only
    // move forward in reading order are a subset of the simple routes (no touchpoint can
    // repeat on them), so their count, cheap to get, is a lower bound that settles most
    // large journeys at once.
    let forward = count_routes(&mut cx.order.iter().copied(), &|u, v| {
        cx.place[u] < cx.place[v]
    });
    if forward > PATH_COUNT_LIMIT as u128 {
        return PathCount::MoreThan(PATH_COUNT_LIMIT);
    }
    enumerate_routes(g, entries, is_exit, forward as u64)
}

/// Counts simple routes by depth-first enumeration, stopping past the limit or when the step
/// budget runs out. Hand-written rather than petgraph's `all_simple_paths`, which gives no
/// way to bound the work done between two routes it yields.
fn enumerate_routes(
    g: &Graph,
    entries: &[usize],
    is_exit: &dyn Fn(usize) -> bool,
    lower_bound: u64,
) -> PathCount {
    let n = g.node_count();
    // Only touchpoints that can still reach an exit are worth stepping into.
    let mut to_exit = Dfs::empty(Reversed(g));
    to_exit
        .stack
        .extend((0..n).filter(|&i| is_exit(i)).map(NodeIndex::new));
    let mut useful = vec![false; n];
    while let Some(v) = to_exit.next(Reversed(g)) {
        useful[v.index()] = true;
    }
    let succ: Vec<Vec<usize>> = (0..n)
        .map(|v| {
            let mut s: Vec<usize> = g
                .neighbors_directed(NodeIndex::new(v), Outgoing)
                .map(|w| w.index())
                .filter(|&w| w != v && useful[w])
                .collect();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();

    let mut found: u64 = 0;
    let mut steps = 0usize;
    let mut on_route = vec![false; n];
    // Each frame: a touchpoint on the current route and the next successor to try.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for &start in entries {
        on_route[start] = true;
        stack.push((start, 0));
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&w) = succ[v].get(next) {
                top.1 += 1;
                steps += 1;
                if steps > PATH_SEARCH_STEPS {
                    return PathCount::AtLeast(found.max(lower_bound));
                }
                if !on_route[w] {
                    if is_exit(w) {
                        found += 1;
                        if found > PATH_COUNT_LIMIT {
                            return PathCount::MoreThan(PATH_COUNT_LIMIT);
                        }
                    }
                    on_route[w] = true;
                    stack.push((w, 0));
                }
            } else {
                on_route[v] = false;
                stack.pop();
            }
        }
    }
    PathCount::Exactly(found)
}

struct Lists<'a> {
    entries: &'a [usize],
    exits: &'a [usize],
    unreachable: &'a [usize],
    dead_ends: &'a [usize],
    isolated: &'a [usize],
    backward: &'a [usize],
}

fn findings(
    cx: &Ctx,
    out: &mut Out,
    l: Lists,
    cycles: &[(Vec<usize>, Vec<usize>)],
    main_path: Option<&(Vec<usize>, Vec<usize>)>,
    path_count: PathCount,
) {
    let j = cx.j;
    let finding = |kind, severity, title: String, detail: String, tps: &[usize]| {
        let f = Finding {
            kind,
            severity,
            title,
            detail,
            touchpoints: cx.ids(tps),
            transitions: Vec::new(),
        };
        (f, cx.first_place(tps))
    };
    if !l.entries.is_empty() {
        out.push(finding(
            FindingKind::EntryPoints,
            Severity::Info,
            format!(
                "Where customers start: {}",
                count(l.entries.len(), "entry point")
            ),
            format!(
                "Nothing leads into these touchpoints, so this is where customers come in: {}.",
                cx.names(l.entries)
            ),
            l.entries,
        ));
    }
    if !l.exits.is_empty() {
        out.push(finding(
            FindingKind::Exits,
            Severity::Info,
            format!("Where the journey ends: {}", count(l.exits.len(), "exit")),
            format!("Customers can leave the journey at: {}.", cx.names(l.exits)),
            l.exits,
        ));
    }
    if !l.unreachable.is_empty() {
        out.push(finding(
            FindingKind::Unreachable,
            Severity::Problem,
            format!(
                "No way in: {} cannot be reached from any entry point",
                count(l.unreachable.len(), "touchpoint")
            ),
            format!(
                "No route from where customers start leads to {}. Connect them to the journey, \
                 or remove them if customers never get there.",
                cx.names(l.unreachable)
            ),
            l.unreachable,
        ));
    }
    for &i in l.dead_ends {
        out.push(finding(
            FindingKind::DeadEnd,
            Severity::Warning,
            format!("Dead end: {}", cx.name(i)),
            format!(
                "Customers who reach \"{}\" have nowhere to go next, and it is not marked as a \
                 place where the journey ends. Add the next step, or mark it as a journey end.",
                cx.name(i)
            ),
            &[i],
        ));
    }
    if !l.isolated.is_empty() {
        out.push(finding(
            FindingKind::Isolated,
            Severity::Warning,
            format!(
                "Not connected: {} with no step to or from the rest of the journey",
                count(l.isolated.len(), "touchpoint")
            ),
            format!(
                "Nothing leads to or from {}. Say how customers get there and where they go next.",
                cx.names(l.isolated)
            ),
            l.isolated,
        ));
    }
    for (tps, trs) in cycles {
        let without_return = trs
            .iter()
            .all(|&k| j.transitions[k].kind != TransitionKind::Return);
        let caution = if without_return {
            " No step in it is marked as a return visit: if customers go round it because \
             something failed, every pass costs goodwill."
        } else {
            ""
        };
        let mut f = finding(
            FindingKind::RepeatCycle,
            Severity::Info,
            format!(
                "Repeat cycle: {}",
                list_text(tps.iter().map(|&i| cx.name(i).to_string())).replace("; ", ", ")
            ),
            if tps.len() == 1 {
                format!(
                    "Customers can repeat \"{}\" straight away; make sure each repeat remembers \
                     the last.{caution}",
                    cx.name(tps[0])
                )
            } else {
                format!(
                    "Customers can come back round through these {} touchpoints: {}. This is \
                     how the experience adds up over time; make sure each pass remembers the \
                     last.{caution}",
                    tps.len(),
                    cx.names(tps)
                )
            },
            tps,
        );
        f.0.transitions = trs.iter().map(|&k| j.transitions[k].id).collect();
        out.push(f);
    }
    if let Some((tps, trs)) = main_path {
        let mut stages: Vec<_> = tps.iter().filter_map(|&i| cx.stage_of[i]).collect();
        stages.sort_unstable();
        stages.dedup();
        let route: Vec<&str> = tps.iter().map(|&i| cx.name(i)).collect();
        let mut f = finding(
            FindingKind::MainPath,
            Severity::Info,
            format!(
                "Main path: {} across {} of {} stages",
                count(trs.len(), "step"),
                stages.len(),
                j.stages.len()
            ),
            format!(
                "The most direct route from the first entry point to the last exit, using \
                 next steps wherever it can: {}.",
                route.join(" → ")
            ),
            tps,
        );
        f.0.transitions = trs.iter().map(|&k| j.transitions[k].id).collect();
        out.push(f);
    }
    if !l.entries.is_empty() && !l.exits.is_empty() {
        let routes = match path_count {
            PathCount::Exactly(1) => "1 distinct route".to_string(),
            other => format!("{} distinct routes", other.describe()),
        };
        out.push(finding(
            FindingKind::PathCount,
            Severity::Info,
            format!("{routes} from an entry point to an exit"),
            "Counting every way through the journey that never visits a touchpoint twice. \
             Each route is a different experience to design and test."
                .to_string(),
            &[],
        ));
    }
    for &k in l.backward {
        let tr = &j.transitions[k];
        let (a, b) = cx.ends[k].expect("backward steps join two touchpoints");
        let stage = |i: usize| cx.stage_name(cx.stage_of[i].expect("backward steps have stages"));
        let mut f = finding(
            FindingKind::BackwardTransition,
            Severity::Warning,
            format!(
                "Goes back a stage without being a return visit: {} → {}",
                cx.name(a),
                cx.name(b)
            ),
            format!(
                "\"{}\" ({}) leads back to \"{}\" ({}). If customers come back here on purpose, \
                 mark the step as a return visit; otherwise the journey runs backwards here.",
                cx.name(a),
                stage(a),
                cx.name(b),
                stage(b)
            ),
            &[a, b],
        );
        f.0.transitions = vec![tr.id];
        out.push(f);
    }
}
