//! The built-in sample: a home-broadband journey with a partner installer, an outsourced
//! contact centre and a retail partner. It is what a newcomer sees on first run, so it is
//! deliberately imperfect: some touchpoints have no promise note, one hand-off drops the
//! customer's context, one moment of truth is improvised. Its ids are fixed so every copy of
//! the sample agrees on them; anything a user adds gets fresh random ids.

use crate::model::*;

/// Fixed seed: the sample's ids are the same on every machine.
const SAMPLE_SEED: u64 = 0x7468_726f_7567_6800;

struct Builder {
    j: Journey,
    ids: IdGen,
}

/// Short names for the fields set in the table below.
#[derive(Default)]
struct Tp {
    name: &'static str,
    stage: usize,
    lane: usize,
    channel: Option<usize>,
    owner: Option<usize>,
    partner: Option<usize>,
    action: &'static str,
    expect: &'static str,
    perf: Option<i64>,
    imp: Option<i64>,
    emo: Option<i64>,
    mot: bool,
    end: bool,
    promise: &'static str,
    proof: &'static str,
    diff: &'static str,
    parity: bool,
    exp: Option<Tightness>,
    beh: Option<Tightness>,
    latitude: &'static str,
    standard: &'static str,
    crit: [Option<i64>; 4],
    support: [&'static str; 4],
    pains: &'static [&'static str],
    opps: &'static [&'static str],
    kpis: &'static [&'static str],
    evidence: Option<Evidence>,
    personas: &'static [usize],
}

use Tightness::{Loose, Tight};

impl Builder {
    fn touchpoint(&mut self, t: Tp) -> TouchpointId {
        let id: TouchpointId = self.ids.id();
        let r = |v: Option<i64>| v.map(|v| Rating::new(v).expect("sample rating in range"));
        let mut tp = Touchpoint::new(id, t.name, self.j.stages[t.stage].id);
        tp.lane = Some(self.j.lanes[t.lane].id);
        tp.channel = t.channel.map(|c| self.j.channels[c].id);
        tp.owner = t.owner.map(|d| self.j.departments[d].id);
        tp.delivered_by = match t.partner {
            Some(p) => DeliveredBy::Partner(self.j.partners[p].id),
            None => DeliveredBy::Brand,
        };
        tp.customer_action = t.action.into();
        tp.expectation = t.expect.into();
        tp.performance = r(t.perf);
        tp.importance = r(t.imp);
        tp.emotion = t
            .emo
            .map(|e| Emotion::new(e).expect("sample emotion in range"));
        tp.moment_of_truth = t.mot;
        tp.journey_end = t.end;
        tp.promise_note = t.promise.into();
        tp.proof_point = t.proof.into();
        tp.differentiation_note = t.diff.into();
        tp.parity = t.parity;
        tp.experience = t.exp;
        tp.behaviour = t.beh;
        tp.latitude_note = t.latitude.into();
        tp.standard_note = t.standard.into();
        tp.criteria = Criteria {
            consistent: r(t.crit[0]),
            intentional: r(t.crit[1]),
            differentiated: r(t.crit[2]),
            valuable: r(t.crit[3]),
        };
        tp.support = Support {
            culture: t.support[0].into(),
            people: t.support[1].into(),
            process: t.support[2].into(),
            technology: t.support[3].into(),
        };
        tp.pain_points = t.pains.iter().map(|s| s.to_string()).collect();
        tp.opportunities = t.opps.iter().map(|s| s.to_string()).collect();
        tp.kpis = t.kpis.iter().map(|s| s.to_string()).collect();
        tp.evidence = t.evidence;
        tp.personas = t.personas.iter().map(|&p| self.j.personas[p].id).collect();
        self.j.touchpoints.push(tp);
        id
    }

    fn link(
        &mut self,
        from: TouchpointId,
        to: TouchpointId,
        kind: TransitionKind,
        context: bool,
        label: &str,
    ) {
        let id = self.ids.id();
        self.j.transitions.push(Transition {
            id,
            from,
            to,
            label: label.into(),
            kind,
            carries_context: context,
        });
    }
}

/// The sample journey: "Getting broadband at home" for Brightline, 21 touchpoints over 7 stages.
pub fn broadband() -> Journey {
    let mut b = Builder {
        j: Journey::default(),
        ids: IdGen::new(SAMPLE_SEED),
    };
    let ids = &mut b.ids;
    b.j.title = "Getting broadband at home - Brightline".into();
    b.j.description =
        "From checking what speeds reach the street to recommending Brightline to a neighbour."
            .into();
    b.j.scope = "Residential fibre customers, new connections. Business lines and moving home \
                 are out of scope."
        .into();
    b.j.state = JourneyState::AsIs;
    b.j.promise = BrandPromise {
        statement: "Broadband that just works, from people who sort things out first time.".into(),
        proof_points: vec![
            "Install date you choose, or the next month is free".into(),
            "Support answers in under 2 minutes, by a person".into(),
            "No price rise in contract".into(),
        ],
        customer_values: vec![
            "Reliability I never have to think about".into(),
            "Being treated as a person, not a ticket".into(),
            "A fair price with no surprises".into(),
        ],
    };
    b.j.personas = vec![
        Persona {
            id: ids.id(),
            name: "Remote-working parent".into(),
            expectations: "Works all day on video calls; needs it to never drop, and a fix the \
                           same day when it does."
                .into(),
            notes: "Largest segment by revenue; most likely to churn after a bad outage.".into(),
        },
        Persona {
            id: ids.id(),
            name: "Student house share".into(),
            expectations: "Cheap, quick to set up, easy to split the bill.".into(),
            notes: "Short contracts; high volume in September.".into(),
        },
    ];
    let stage = |ids: &mut IdGen, name: &str, goal: &str| Stage {
        id: ids.id(),
        name: name.into(),
        goal: goal.into(),
    };
    b.j.stages = vec![
        stage(
            ids,
            "Discover",
            "Find out whether Brightline can serve my home",
        ),
        stage(ids, "Choose", "Pick the right package with confidence"),
        stage(
            ids,
            "Buy",
            "Order without friction and know what happens next",
        ),
        stage(ids, "Get connected", "Be online on the day I was promised"),
        stage(ids, "Use", "Forget about it: it just works"),
        stage(ids, "Get help", "Have a problem fixed first time"),
        stage(
            ids,
            "Renew & recommend",
            "Stay for a fair price and tell others",
        ),
    ];
    let chan = |ids: &mut IdGen, name: &str, kind| Channel {
        id: ids.id(),
        name: name.into(),
        kind,
    };
    b.j.channels = vec![
        chan(ids, "Website", ChannelKind::Web),
        chan(ids, "App", ChannelKind::App),
        chan(ids, "Phone", ChannelKind::Phone),
        chan(ids, "Chat", ChannelKind::Chat),
        chan(ids, "Email & SMS", ChannelKind::Email),
        chan(ids, "Retail store", ChannelKind::Store),
        chan(ids, "Home visit", ChannelKind::FieldVisit),
        chan(ids, "Social", ChannelKind::Social),
    ];
    let lane = |ids: &mut IdGen, kind: LaneKind| Lane {
        id: ids.id(),
        name: kind.label().into(),
        kind,
    };
    b.j.lanes = vec![
        lane(ids, LaneKind::CustomerAction),
        lane(ids, LaneKind::FrontStage),
        lane(ids, LaneKind::BackStage),
        lane(ids, LaneKind::SupportProcess),
    ];
    let partner = |ids: &mut IdGen, name: &str, role| Partner {
        id: ids.id(),
        name: name.into(),
        role,
    };
    b.j.partners = vec![
        partner(ids, "FibreFit Installations", PartnerRole::Installer),
        partner(ids, "HomeTech Stores", PartnerRole::Retailer),
        partner(ids, "CallAssist", PartnerRole::OutsourcedSupport),
    ];
    let dept = |ids: &mut IdGen, name: &str, kind| Department {
        id: ids.id(),
        name: name.into(),
        kind,
    };
    b.j.departments = vec![
        dept(ids, "Marketing", DepartmentKind::Marketing),
        dept(ids, "Sales", DepartmentKind::Sales),
        dept(ids, "Customer service", DepartmentKind::Service),
        dept(ids, "Field operations", DepartmentKind::Operations),
        dept(ids, "IT & digital", DepartmentKind::It),
    ];

    // Indices into the lists above, named for readability of the table below.
    const DISCOVER: usize = 0;
    const CHOOSE: usize = 1;
    const BUY: usize = 2;
    const CONNECT: usize = 3;
    const USE: usize = 4;
    const HELP: usize = 5;
    const RENEW: usize = 6;
    const ACTION: usize = 0;
    const FRONT: usize = 1;
    const BACK: usize = 2;
    const SUPPORT: usize = 3;
    const WEB: usize = 0;
    const APP: usize = 1;
    const PHONE: usize = 2;
    const CHAT: usize = 3;
    const EMAIL: usize = 4;
    const STORE: usize = 5;
    const VISIT: usize = 6;
    const SOCIAL: usize = 7;
    const FIBREFIT: usize = 0;
    const HOMETECH: usize = 1;
    const CALLASSIST: usize = 2;
    const MARKETING: usize = 0;
    const SALES: usize = 1;
    const SERVICE: usize = 2;
    const OPS: usize = 3;
    const IT: usize = 4;

    let check_address = b.touchpoint(Tp {
        name: "I check which speeds reach my address",
        stage: DISCOVER,
        lane: FRONT,
        channel: Some(WEB),
        owner: Some(MARKETING),
        action: "Types a postcode on the coverage checker",
        expect: "An honest speed for my exact address, not 'up to'",
        perf: Some(3),
        imp: Some(5),
        emo: Some(0),
        promise: "Honest speeds: we show the speed we will actually deliver",
        proof: "Address-level speed estimate, guaranteed within 10%",
        diff: "Competitors show 'up to' speeds; we show a guaranteed minimum",
        exp: Some(Tight),
        beh: Some(Tight),
        standard: "The estimate shown is the minimum guaranteed speed for that line",
        crit: [Some(4), Some(4), Some(4), Some(3)],
        support: [
            "",
            "",
            "",
            "Line-level speed data from the network team, updated nightly",
        ],
        pains: &["Flats show the building, not the flat"],
        opps: &["Let people save the result and come back"],
        kpis: &["Checker-to-order conversion"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let ask_social = b.touchpoint(Tp {
        name: "I ask on social whether it's reliable round here",
        stage: DISCOVER,
        lane: FRONT,
        channel: Some(SOCIAL),
        owner: Some(MARKETING),
        action: "Posts a question, reads neighbours' replies",
        expect: "A straight answer from someone who knows the area",
        perf: Some(2),
        imp: Some(3),
        emo: Some(-1),
        exp: Some(Loose),
        beh: Some(Loose),
        pains: &["Replies are slow and generic"],
        evidence: Some(Evidence::Anecdote),
        personas: &[1],
        ..Default::default()
    });
    let compare = b.touchpoint(Tp {
        name: "I compare packages online",
        stage: CHOOSE,
        lane: FRONT,
        channel: Some(WEB),
        owner: Some(SALES),
        action: "Reads the package table, toggles contract length",
        expect: "Clear total price over the contract",
        perf: Some(4),
        imp: Some(4),
        emo: Some(1),
        promise: "A fair price with no surprises",
        proof: "Total contract cost shown on every package",
        parity: true,
        exp: Some(Tight),
        beh: Some(Loose),
        standard: "Total cost, any setup fee and the price after contract are all on the card",
        crit: [Some(4), Some(4), Some(2), Some(4)],
        kpis: &["Bounce rate on packages page"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let chat_adviser = b.touchpoint(Tp {
        name: "I chat with an adviser about the speed I need",
        stage: CHOOSE,
        lane: FRONT,
        channel: Some(CHAT),
        owner: Some(SALES),
        action: "Describes the household's use; asks what to buy",
        expect: "Advice that fits my home, not an upsell",
        perf: Some(3),
        imp: Some(4),
        emo: Some(1),
        promise: "People who sort things out first time",
        diff: "Advisers may recommend a cheaper package than the one asked for",
        exp: Some(Tight),
        beh: Some(Loose),
        latitude: "Adviser may recommend a lower tier and apply a 3-month discount",
        standard: "Recommendation is based on the customer's stated use, recorded in the chat",
        crit: [Some(3), Some(4), Some(4), Some(4)],
        support: [
            "Advisers are rewarded on retention, not upsell",
            "Training on household usage profiles",
            "",
            "Chat transcript saved to the customer record",
        ],
        kpis: &["Chat CSAT", "Chat-to-order conversion"],
        evidence: Some(Evidence::Research),
        personas: &[0],
        ..Default::default()
    });
    let in_store = b.touchpoint(Tp {
        name: "I ask in a HomeTech store",
        stage: CHOOSE,
        lane: FRONT,
        channel: Some(STORE),
        owner: Some(SALES),
        partner: Some(HOMETECH),
        action: "Talks to store staff while buying a laptop",
        expect: "Same deals and same answers as online",
        perf: Some(2),
        imp: Some(3),
        emo: Some(0),
        exp: Some(Loose),
        beh: Some(Tight),
        crit: [Some(2), Some(2), None, Some(3)],
        pains: &["Store staff read from a script and cannot see online offers"],
        opps: &["Give store staff the same offer catalogue as the website"],
        evidence: Some(Evidence::Anecdote),
        ..Default::default()
    });
    let order = b.touchpoint(Tp {
        name: "I order and pick my install date",
        stage: BUY,
        lane: FRONT,
        channel: Some(WEB),
        owner: Some(SALES),
        action: "Fills in details, picks a date from the calendar",
        expect: "A date that suits me, confirmed there and then",
        perf: Some(3),
        imp: Some(5),
        emo: Some(1),
        mot: true,
        promise: "Install date you choose",
        proof: "Install date you choose, or the next month is free",
        diff: "Customer picks the date; competitors assign one",
        exp: Some(Tight),
        beh: Some(Loose),
        standard: "Every date offered is a date an installer is actually booked for",
        crit: [Some(3), Some(5), Some(4), Some(4)],
        support: [
            "",
            "",
            "Live booking of installer capacity, not a request",
            "Calendar reads FibreFit's schedule in real time",
        ],
        pains: &["Evening slots fill weeks ahead"],
        kpis: &["Order completion rate"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let confirm = b.touchpoint(Tp {
        name: "I get my order confirmation",
        stage: BUY,
        lane: FRONT,
        channel: Some(EMAIL),
        owner: Some(OPS),
        action: "Reads the email, adds the date to the calendar",
        expect: "Everything I need in one place",
        perf: Some(4),
        imp: Some(3),
        emo: Some(1),
        promise: "No surprises",
        parity: true,
        exp: Some(Tight),
        beh: Some(Tight),
        standard: "Sent within 5 minutes with date, price and what to prepare",
        crit: [Some(5), Some(4), Some(2), Some(4)],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let line_booking = b.touchpoint(Tp {
        name: "Credit check and line booking",
        stage: BUY,
        lane: BACK,
        owner: Some(OPS),
        action: "",
        expect: "",
        exp: Some(Tight),
        beh: Some(Tight),
        standard: "Line booked with the network within 1 hour of order",
        support: [
            "",
            "",
            "Automated credit check; manual review within 1 day",
            "",
        ],
        ..Default::default()
    });
    let job_to_installer = b.touchpoint(Tp {
        name: "Installer receives the job sheet",
        stage: CONNECT,
        lane: SUPPORT,
        owner: Some(OPS),
        partner: Some(FIBREFIT),
        exp: Some(Loose),
        beh: Some(Tight),
        pains: &["Job sheet lacks the customer's notes from the order (parking, router spot)"],
        opps: &["Pass the order notes to FibreFit's app"],
        ..Default::default()
    });
    let reminder = b.touchpoint(Tp {
        name: "I get a reminder the day before",
        stage: CONNECT,
        lane: FRONT,
        channel: Some(EMAIL),
        owner: Some(OPS),
        action: "Reads the SMS; replies to rearrange if needed",
        expect: "A time window and the installer's name",
        perf: Some(4),
        imp: Some(3),
        emo: Some(1),
        promise: "Install date you choose",
        exp: Some(Tight),
        beh: Some(Tight),
        standard: "SMS by 6pm the day before with a 2-hour window",
        crit: [Some(4), Some(4), Some(3), Some(4)],
        ..Default::default()
    });
    let install = b.touchpoint(Tp {
        name: "The installer sets me up at home",
        stage: CONNECT,
        lane: FRONT,
        channel: Some(VISIT),
        owner: Some(OPS),
        partner: Some(FIBREFIT),
        action: "Lets the installer in, shows where the router should go",
        expect: "On time, tidy, and online before they leave",
        perf: Some(2),
        imp: Some(5),
        emo: Some(-1),
        mot: true,
        promise: "Broadband that just works",
        exp: Some(Loose),
        beh: Some(Loose),
        latitude: "Installer chooses cable route and router spot with the customer",
        crit: [Some(2), Some(2), Some(3), Some(4)],
        support: [
            "FibreFit staff briefed on the Brightline promise",
            "Installers trained on Wi-Fi placement",
            "",
            "",
        ],
        pains: &[
            "Installers arrive outside the window",
            "Router placed where the installer finds easiest",
        ],
        opps: &["Installer app with the customer's notes and a speed test at handover"],
        kpis: &["Right-first-time installs", "Install NPS"],
        evidence: Some(Evidence::Research),
        personas: &[0, 1],
        ..Default::default()
    });
    let rebook = b.touchpoint(Tp {
        name: "The install is missed and I call to rebook",
        stage: CONNECT,
        lane: FRONT,
        channel: Some(PHONE),
        owner: Some(SERVICE),
        partner: Some(CALLASSIST),
        action: "Calls, explains again, waits for a new date",
        expect: "An apology, a new date this week and the free month applied",
        perf: Some(1),
        imp: Some(5),
        emo: Some(-2),
        mot: true,
        promise: "Install date you choose, or the next month is free",
        exp: Some(Loose),
        beh: Some(Tight),
        crit: [Some(1), Some(2), Some(1), Some(2)],
        pains: &[
            "Has to explain everything again",
            "Free month must be asked for",
        ],
        opps: &["Apply the free month automatically and call the customer first"],
        kpis: &["First-contact resolution"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let first_online = b.touchpoint(Tp {
        name: "I go online for the first time",
        stage: CONNECT,
        lane: ACTION,
        action: "Connects devices, runs a speed test",
        expect: "The speed I was shown on the checker",
        perf: Some(4),
        imp: Some(4),
        emo: Some(2),
        promise: "Honest speeds",
        ..Default::default()
    });
    let app = b.touchpoint(Tp {
        name: "I manage my account in the app",
        stage: USE,
        lane: FRONT,
        channel: Some(APP),
        owner: Some(IT),
        action: "Checks usage, changes Wi-Fi password",
        expect: "Everything I need without calling",
        perf: Some(4),
        imp: Some(3),
        emo: Some(1),
        diff: "Wi-Fi controls in the same app as billing",
        exp: Some(Tight),
        beh: Some(Loose),
        standard: "Any account task can be done in the app in under 2 minutes",
        crit: [Some(4), Some(4), Some(3), Some(4)],
        kpis: &["App monthly active users", "CES"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let first_bill = b.touchpoint(Tp {
        name: "I get my first bill",
        stage: USE,
        lane: FRONT,
        channel: Some(EMAIL),
        owner: Some(OPS),
        action: "Opens the bill, compares it with the order",
        expect: "The price I was quoted",
        perf: Some(2),
        imp: Some(5),
        emo: Some(-1),
        mot: true,
        promise: "A fair price with no surprises",
        proof: "No price rise in contract",
        exp: Some(Loose),
        beh: Some(Tight),
        crit: [Some(3), Some(2), None, Some(3)],
        pains: &["Part-month charge makes the first bill look wrong"],
        opps: &["Explain the part-month charge in the order confirmation"],
        kpis: &["Billing contacts per 100 new customers"],
        evidence: Some(Evidence::Data),
        ..Default::default()
    });
    let status = b.touchpoint(Tp {
        name: "I check service status in the app",
        stage: HELP,
        lane: FRONT,
        channel: Some(APP),
        owner: Some(IT),
        action: "Opens the status page when the connection drops",
        expect: "Whether it's me or them, and when it'll be fixed",
        perf: Some(3),
        imp: Some(4),
        emo: Some(-1),
        promise: "Broadband that just works",
        diff: "Line test from the app before calling",
        exp: Some(Tight),
        beh: Some(Loose),
        standard: "Status reflects known faults within 10 minutes",
        crit: [Some(3), Some(4), Some(3), Some(4)],
        ..Default::default()
    });
    let call_support = b.touchpoint(Tp {
        name: "I call support about a slow connection",
        stage: HELP,
        lane: FRONT,
        channel: Some(PHONE),
        owner: Some(SERVICE),
        partner: Some(CALLASSIST),
        action: "Calls, goes through security, describes the problem",
        expect: "They already know I ran a line test in the app",
        perf: Some(2),
        imp: Some(5),
        emo: Some(-2),
        mot: true,
        promise: "Support answers in under 2 minutes, by a person",
        proof: "Support answers in under 2 minutes, by a person",
        diff: "A person answers; no phone menu",
        exp: Some(Tight),
        beh: Some(Tight),
        latitude: "",
        standard: "Answered in under 2 minutes; the line test result is on screen",
        crit: [Some(2), Some(3), Some(3), Some(3)],
        support: [
            "CallAssist agents are measured on resolution, not call length",
            "",
            "Escalation to an engineer visit within the call",
            "Agent desktop shows the app's line test",
        ],
        pains: &["Agent can't see the app's line test, asks to repeat it"],
        opps: &["Show the last app line test on the agent's screen"],
        kpis: &["First-contact resolution", "Speed of answer"],
        evidence: Some(Evidence::Data),
        personas: &[0],
        ..Default::default()
    });
    let engineer = b.touchpoint(Tp {
        name: "An engineer fixes the fault at home",
        stage: HELP,
        lane: FRONT,
        channel: Some(VISIT),
        owner: Some(OPS),
        partner: Some(FIBREFIT),
        action: "Stays in for the visit",
        expect: "Fixed in one visit",
        perf: Some(3),
        imp: Some(5),
        emo: Some(0),
        promise: "People who sort things out first time",
        exp: Some(Tight),
        beh: Some(Loose),
        latitude: "Engineer may replace the router on the spot without approval",
        standard: "Fault fixed and speed test shown to the customer before leaving",
        crit: [Some(3), Some(4), Some(3), Some(4)],
        ..Default::default()
    });
    let renewal = b.touchpoint(Tp {
        name: "I get a renewal offer before my contract ends",
        stage: RENEW,
        lane: FRONT,
        channel: Some(EMAIL),
        owner: Some(MARKETING),
        action: "Reads the offer, compares with new-customer deals",
        expect: "The same deal a new customer would get",
        perf: Some(2),
        imp: Some(4),
        emo: Some(-1),
        mot: true,
        promise: "A fair price with no surprises",
        diff: "Loyal customers get the best price we offer, automatically",
        exp: Some(Loose),
        beh: Some(Loose),
        crit: [None, Some(2), Some(3), Some(3)],
        pains: &["Renewal price is higher than the new-customer price"],
        kpis: &["Renewal rate"],
        evidence: Some(Evidence::Research),
        ..Default::default()
    });
    let renew = b.touchpoint(Tp {
        name: "I renew or upgrade",
        stage: RENEW,
        lane: FRONT,
        channel: Some(WEB),
        owner: Some(SALES),
        action: "Accepts the offer online",
        expect: "Two clicks, no call needed",
        perf: Some(4),
        imp: Some(3),
        emo: Some(1),
        exp: Some(Tight),
        beh: Some(Loose),
        standard: "Renewal can be completed online in under 2 minutes",
        ..Default::default()
    });
    let recommend = b.touchpoint(Tp {
        name: "I recommend Brightline to a friend",
        stage: RENEW,
        lane: ACTION,
        channel: Some(SOCIAL),
        action: "Shares a referral link",
        expect: "My friend gets a good deal and so do I",
        perf: Some(3),
        imp: Some(3),
        emo: Some(2),
        end: true,
        kpis: &["NPS", "Referral sign-ups"],
        ..Default::default()
    });

    use TransitionKind::{Alternative, Next, Recovery, Return};
    b.link(
        check_address,
        compare,
        Next,
        true,
        "Address carried to packages",
    );
    b.link(
        ask_social,
        check_address,
        Alternative,
        false,
        "Link to checker",
    );
    b.link(compare, chat_adviser, Alternative, true, "Needs advice");
    b.link(compare, order, Next, true, "");
    b.link(
        chat_adviser,
        order,
        Next,
        true,
        "Adviser sends a prefilled basket",
    );
    b.link(in_store, order, Alternative, false, "Store orders by phone");
    b.link(order, confirm, Next, true, "");
    b.link(order, line_booking, Next, true, "");
    b.link(
        line_booking,
        job_to_installer,
        Next,
        false,
        "Job sheet to FibreFit",
    );
    b.link(confirm, reminder, Next, true, "");
    b.link(reminder, install, Next, true, "");
    b.link(job_to_installer, install, Next, false, "");
    b.link(
        install,
        rebook,
        Recovery,
        false,
        "Installer does not turn up",
    );
    b.link(rebook, install, Recovery, false, "New date");
    b.link(install, first_online, Next, true, "");
    b.link(first_online, app, Next, true, "");
    b.link(app, first_bill, Next, true, "");
    b.link(
        first_bill,
        call_support,
        Alternative,
        false,
        "Bill looks wrong",
    );
    b.link(app, status, Alternative, true, "Connection drops");
    b.link(status, call_support, Next, false, "Still not working");
    b.link(
        call_support,
        engineer,
        Next,
        true,
        "Engineer booked in the call",
    );
    b.link(engineer, app, Return, true, "Back to normal use");
    b.link(first_bill, renewal, Next, true, "Months later");
    b.link(renewal, renew, Next, true, "");
    b.link(renew, app, Return, true, "Another contract term");
    b.link(renew, recommend, Next, true, "");
    b.j
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sample_is_a_believable_broadband_journey() {
        let j = broadband();
        assert_eq!(j.stages.len(), 7);
        assert!((15..=25).contains(&j.touchpoints.len()));
        let channels: HashSet<_> = j.touchpoints.iter().filter_map(|t| t.channel).collect();
        assert!(channels.len() >= 6, "several channels: {}", channels.len());
        let installer = j
            .partners
            .iter()
            .find(|p| p.role == PartnerRole::Installer)
            .expect("a partner installer");
        assert!(j
            .touchpoints
            .iter()
            .any(|t| t.delivered_by == DeliveredBy::Partner(installer.id)));
        // Every stage has something in it.
        for s in &j.stages {
            assert!(j.touchpoints_in(s.id).count() > 0, "{} is empty", s.name);
        }
    }

    #[test]
    fn sample_references_only_its_own_entities() {
        let j = broadband();
        let tps: HashSet<_> = j.touchpoints.iter().map(|t| t.id).collect();
        assert_eq!(tps.len(), j.touchpoints.len(), "touchpoint ids are unique");
        for tr in &j.transitions {
            assert!(tps.contains(&tr.from) && tps.contains(&tr.to));
        }
        for t in &j.touchpoints {
            assert!(j.stage(t.stage).is_some());
            assert!(t.lane.is_none_or(|l| j.lane(l).is_some()));
            assert!(t.channel.is_none_or(|c| j.channel(c).is_some()));
        }
    }

    #[test]
    fn sample_is_the_same_every_time() {
        assert_eq!(broadband(), broadband());
    }
}
