//! The built-in sample: a home-broadband journey with a partner installer, an outsourced
//! contact centre and a retail partner. It is what a newcomer sees on first run, so it is
//! deliberately imperfect: some touchpoints have no promise note, one hand-off drops the
//! customer's context, one moment of truth is improvised. Its ids are fixed so every copy of
//! the sample agrees on them; anything a user adds gets fresh random ids.

use crate::draft::Draft;
use crate::model::*;
use Tightness::{Loose, Tight};

/// Fixed seed: the sample's ids are the same on every machine.
const SAMPLE_SEED: u64 = 0x7468_726f_7567_6800;

/// The sample journey: "Getting broadband at home" for Brightline, 21 touchpoints over 7 stages.
pub fn broadband() -> Journey {
    // Ids are drawn in the order things are added: personas, stages, channels, lanes,
    // partners, departments, touchpoints, transitions. The sample has always been built in
    // this order, so its fixed ids stay what they were; keep the order.
    let mut d = Draft::without_lanes(SAMPLE_SEED);
    d.j.title = "Getting broadband at home - Brightline".into();
    d.j.description =
        "From checking what speeds reach the street to recommending Brightline to a neighbour."
            .into();
    d.j.scope = "Residential fibre customers, new connections. Business lines and moving home \
                 are out of scope."
        .into();
    d.j.state = JourneyState::AsIs;
    d.j.promise = BrandPromise {
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
    d.persona(
        "Remote-working parent",
        "Works all day on video calls; needs it to never drop, and a fix the same day when it \
         does.",
        "Largest segment by revenue; most likely to churn after a bad outage.",
    );
    d.persona(
        "Student house share",
        "Cheap, quick to set up, easy to split the bill.",
        "Short contracts; high volume in September.",
    );
    d.stage("Discover", "Find out whether Brightline can serve my home");
    d.stage("Choose", "Pick the right package with confidence");
    d.stage("Buy", "Order without friction and know what happens next");
    d.stage("Get connected", "Be online on the day I was promised");
    d.stage("Use", "Forget about it: it just works");
    d.stage("Get help", "Have a problem fixed first time");
    d.stage("Renew & recommend", "Stay for a fair price and tell others");
    d.channel("Website", ChannelKind::Web);
    d.channel("App", ChannelKind::App);
    d.channel("Phone", ChannelKind::Phone);
    d.channel("Chat", ChannelKind::Chat);
    d.channel("Email & SMS", ChannelKind::Email);
    d.channel("Retail store", ChannelKind::Store);
    d.channel("Home visit", ChannelKind::FieldVisit);
    d.channel("Social", ChannelKind::Social);
    d.blueprint_lanes();
    d.partner("FibreFit Installations", PartnerRole::Installer);
    d.partner("HomeTech Stores", PartnerRole::Retailer);
    d.partner("CallAssist", PartnerRole::OutsourcedSupport);
    d.department("Marketing", DepartmentKind::Marketing);
    d.department("Sales", DepartmentKind::Sales);
    d.department("Customer service", DepartmentKind::Service);
    d.department("Field operations", DepartmentKind::Operations);
    d.department("IT & digital", DepartmentKind::It);

    // Touchpoints sit front stage unless a lane is named. Two are at parity with no reason
    // written down (`at_parity("")`), as in a real first draft.
    let check_address = d
        .touchpoint("Discover", "I check which speeds reach my address")
        .via("Website")
        .owner("Marketing")
        .action("Types a postcode on the coverage checker")
        .expects("An honest speed for my exact address, not 'up to'")
        .scores(3, 5)
        .feels(0)
        .promise("Honest speeds: we show the speed we will actually deliver")
        .proof("Address-level speed estimate, guaranteed within 10%")
        .differs("Competitors show 'up to' speeds; we show a guaranteed minimum")
        .experience(Tight)
        .behaviour(Tight)
        .standard("The estimate shown is the minimum guaranteed speed for that line")
        .criteria([4, 4, 4, 3])
        .support(
            "",
            "",
            "",
            "Line-level speed data from the network team, updated nightly",
        )
        .pains(&["Flats show the building, not the flat"])
        .opportunities(&["Let people save the result and come back"])
        .kpis(&["Checker-to-order conversion"])
        .evidence(Evidence::Data)
        .add();
    let ask_social = d
        .touchpoint(
            "Discover",
            "I ask on social whether it's reliable round here",
        )
        .via("Social")
        .owner("Marketing")
        .personas(&["Student house share"])
        .action("Posts a question, reads neighbours' replies")
        .expects("A straight answer from someone who knows the area")
        .scores(2, 3)
        .feels(-1)
        .experience(Loose)
        .behaviour(Loose)
        .pains(&["Replies are slow and generic"])
        .evidence(Evidence::Anecdote)
        .add();
    let compare = d
        .touchpoint("Choose", "I compare packages online")
        .via("Website")
        .owner("Sales")
        .action("Reads the package table, toggles contract length")
        .expects("Clear total price over the contract")
        .scores(4, 4)
        .feels(1)
        .promise("A fair price with no surprises")
        .proof("Total contract cost shown on every package")
        .at_parity("")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Total cost, any setup fee and the price after contract are all on the card")
        .criteria([4, 4, 2, 4])
        .kpis(&["Bounce rate on packages page"])
        .evidence(Evidence::Data)
        .add();
    let chat_adviser = d
        .touchpoint("Choose", "I chat with an adviser about the speed I need")
        .via("Chat")
        .owner("Sales")
        .personas(&["Remote-working parent"])
        .action("Describes the household's use; asks what to buy")
        .expects("Advice that fits my home, not an upsell")
        .scores(3, 4)
        .feels(1)
        .promise("People who sort things out first time")
        .differs("Advisers may recommend a cheaper package than the one asked for")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Recommendation is based on the customer's stated use, recorded in the chat")
        .latitude("Adviser may recommend a lower tier and apply a 3-month discount")
        .criteria([3, 4, 4, 4])
        .support(
            "Advisers are rewarded on retention, not upsell",
            "Training on household usage profiles",
            "",
            "Chat transcript saved to the customer record",
        )
        .kpis(&["Chat CSAT", "Chat-to-order conversion"])
        .evidence(Evidence::Research)
        .add();
    let in_store = d
        .touchpoint("Choose", "I ask in a HomeTech store")
        .via("Retail store")
        .owner("Sales")
        .delivered_by("HomeTech Stores")
        .action("Talks to store staff while buying a laptop")
        .expects("Same deals and same answers as online")
        .scores(2, 3)
        .feels(0)
        .experience(Loose)
        .behaviour(Tight)
        .criteria([2, 2, 0, 3])
        .pains(&["Store staff read from a script and cannot see online offers"])
        .opportunities(&["Give store staff the same offer catalogue as the website"])
        .evidence(Evidence::Anecdote)
        .add();
    let order = d
        .touchpoint("Buy", "I order and pick my install date")
        .via("Website")
        .owner("Sales")
        .action("Fills in details, picks a date from the calendar")
        .expects("A date that suits me, confirmed there and then")
        .scores(3, 5)
        .feels(1)
        .moment_of_truth()
        .promise("Install date you choose")
        .proof("Install date you choose, or the next month is free")
        .differs("Customer picks the date; competitors assign one")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Every date offered is a date an installer is actually booked for")
        .criteria([3, 5, 4, 4])
        .support(
            "",
            "",
            "Live booking of installer capacity, not a request",
            "Calendar reads FibreFit's schedule in real time",
        )
        .pains(&["Evening slots fill weeks ahead"])
        .kpis(&["Order completion rate"])
        .evidence(Evidence::Data)
        .add();
    let confirm = d
        .touchpoint("Buy", "I get my order confirmation")
        .via("Email & SMS")
        .owner("Field operations")
        .action("Reads the email, adds the date to the calendar")
        .expects("Everything I need in one place")
        .scores(4, 3)
        .feels(1)
        .promise("No surprises")
        .at_parity("")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Sent within 5 minutes with date, price and what to prepare")
        .criteria([5, 4, 2, 4])
        .evidence(Evidence::Data)
        .add();
    let line_booking = d
        .touchpoint("Buy", "Credit check and line booking")
        .lane(LaneKind::BackStage)
        .owner("Field operations")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Line booked with the network within 1 hour of order")
        .support(
            "",
            "",
            "Automated credit check; manual review within 1 day",
            "",
        )
        .add();
    let job_to_installer = d
        .touchpoint("Get connected", "Installer receives the job sheet")
        .lane(LaneKind::SupportProcess)
        .owner("Field operations")
        .delivered_by("FibreFit Installations")
        .experience(Loose)
        .behaviour(Tight)
        .pains(&["Job sheet lacks the customer's notes from the order (parking, router spot)"])
        .opportunities(&["Pass the order notes to FibreFit's app"])
        .add();
    let reminder = d
        .touchpoint("Get connected", "I get a reminder the day before")
        .via("Email & SMS")
        .owner("Field operations")
        .action("Reads the SMS; replies to rearrange if needed")
        .expects("A time window and the installer's name")
        .scores(4, 3)
        .feels(1)
        .promise("Install date you choose")
        .experience(Tight)
        .behaviour(Tight)
        .standard("SMS by 6pm the day before with a 2-hour window")
        .criteria([4, 4, 3, 4])
        .add();
    let install = d
        .touchpoint("Get connected", "The installer sets me up at home")
        .via("Home visit")
        .owner("Field operations")
        .delivered_by("FibreFit Installations")
        .personas(&["Remote-working parent", "Student house share"])
        .action("Lets the installer in, shows where the router should go")
        .expects("On time, tidy, and online before they leave")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .promise("Broadband that just works")
        .experience(Loose)
        .behaviour(Loose)
        .latitude("Installer chooses cable route and router spot with the customer")
        .criteria([2, 2, 3, 4])
        .support(
            "FibreFit staff briefed on the Brightline promise",
            "Installers trained on Wi-Fi placement",
            "",
            "",
        )
        .pains(&[
            "Installers arrive outside the window",
            "Router placed where the installer finds easiest",
        ])
        .opportunities(&["Installer app with the customer's notes and a speed test at handover"])
        .kpis(&["Right-first-time installs", "Install NPS"])
        .evidence(Evidence::Research)
        .add();
    let rebook = d
        .touchpoint(
            "Get connected",
            "The install is missed and I call to rebook",
        )
        .via("Phone")
        .owner("Customer service")
        .delivered_by("CallAssist")
        .action("Calls, explains again, waits for a new date")
        .expects("An apology, a new date this week and the free month applied")
        .scores(1, 5)
        .feels(-2)
        .moment_of_truth()
        .promise("Install date you choose, or the next month is free")
        .experience(Loose)
        .behaviour(Tight)
        .criteria([1, 2, 1, 2])
        .pains(&[
            "Has to explain everything again",
            "Free month must be asked for",
        ])
        .opportunities(&["Apply the free month automatically and call the customer first"])
        .kpis(&["First-contact resolution"])
        .evidence(Evidence::Data)
        .add();
    let first_online = d
        .touchpoint("Get connected", "I go online for the first time")
        .lane(LaneKind::CustomerAction)
        .action("Connects devices, runs a speed test")
        .expects("The speed I was shown on the checker")
        .scores(4, 4)
        .feels(2)
        .promise("Honest speeds")
        .add();
    let app = d
        .touchpoint("Use", "I manage my account in the app")
        .via("App")
        .owner("IT & digital")
        .action("Checks usage, changes Wi-Fi password")
        .expects("Everything I need without calling")
        .scores(4, 3)
        .feels(1)
        .differs("Wi-Fi controls in the same app as billing")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Any account task can be done in the app in under 2 minutes")
        .criteria([4, 4, 3, 4])
        .kpis(&["App monthly active users", "CES"])
        .evidence(Evidence::Data)
        .add();
    let first_bill = d
        .touchpoint("Use", "I get my first bill")
        .via("Email & SMS")
        .owner("Field operations")
        .action("Opens the bill, compares it with the order")
        .expects("The price I was quoted")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .promise("A fair price with no surprises")
        .proof("No price rise in contract")
        .experience(Loose)
        .behaviour(Tight)
        .criteria([3, 2, 0, 3])
        .pains(&["Part-month charge makes the first bill look wrong"])
        .opportunities(&["Explain the part-month charge in the order confirmation"])
        .kpis(&["Billing contacts per 100 new customers"])
        .evidence(Evidence::Data)
        .add();
    let status = d
        .touchpoint("Get help", "I check service status in the app")
        .via("App")
        .owner("IT & digital")
        .action("Opens the status page when the connection drops")
        .expects("Whether it's me or them, and when it'll be fixed")
        .scores(3, 4)
        .feels(-1)
        .promise("Broadband that just works")
        .differs("Line test from the app before calling")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Status reflects known faults within 10 minutes")
        .criteria([3, 4, 3, 4])
        .add();
    let call_support = d
        .touchpoint("Get help", "I call support about a slow connection")
        .via("Phone")
        .owner("Customer service")
        .delivered_by("CallAssist")
        .personas(&["Remote-working parent"])
        .action("Calls, goes through security, describes the problem")
        .expects("They already know I ran a line test in the app")
        .scores(2, 5)
        .feels(-2)
        .moment_of_truth()
        .promise("Support answers in under 2 minutes, by a person")
        .proof("Support answers in under 2 minutes, by a person")
        .differs("A person answers; no phone menu")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Answered in under 2 minutes; the line test result is on screen")
        .criteria([2, 3, 3, 3])
        .support(
            "CallAssist agents are measured on resolution, not call length",
            "",
            "Escalation to an engineer visit within the call",
            "Agent desktop shows the app's line test",
        )
        .pains(&["Agent can't see the app's line test, asks to repeat it"])
        .opportunities(&["Show the last app line test on the agent's screen"])
        .kpis(&["First-contact resolution", "Speed of answer"])
        .evidence(Evidence::Data)
        .add();
    let engineer = d
        .touchpoint("Get help", "An engineer fixes the fault at home")
        .via("Home visit")
        .owner("Field operations")
        .delivered_by("FibreFit Installations")
        .action("Stays in for the visit")
        .expects("Fixed in one visit")
        .scores(3, 5)
        .feels(0)
        .promise("People who sort things out first time")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Fault fixed and speed test shown to the customer before leaving")
        .latitude("Engineer may replace the router on the spot without approval")
        .criteria([3, 4, 3, 4])
        .add();
    let renewal = d
        .touchpoint(
            "Renew & recommend",
            "I get a renewal offer before my contract ends",
        )
        .via("Email & SMS")
        .owner("Marketing")
        .action("Reads the offer, compares with new-customer deals")
        .expects("The same deal a new customer would get")
        .scores(2, 4)
        .feels(-1)
        .moment_of_truth()
        .promise("A fair price with no surprises")
        .differs("Loyal customers get the best price we offer, automatically")
        .experience(Loose)
        .behaviour(Loose)
        .criteria([0, 2, 3, 3])
        .pains(&["Renewal price is higher than the new-customer price"])
        .kpis(&["Renewal rate"])
        .evidence(Evidence::Research)
        .add();
    let renew = d
        .touchpoint("Renew & recommend", "I renew or upgrade")
        .via("Website")
        .owner("Sales")
        .action("Accepts the offer online")
        .expects("Two clicks, no call needed")
        .scores(4, 3)
        .feels(1)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Renewal can be completed online in under 2 minutes")
        .add();
    let recommend = d
        .touchpoint("Renew & recommend", "I recommend Brightline to a friend")
        .lane(LaneKind::CustomerAction)
        .via("Social")
        .action("Shares a referral link")
        .expects("My friend gets a good deal and so do I")
        .scores(3, 3)
        .feels(2)
        .ends_journey()
        .kpis(&["NPS", "Referral sign-ups"])
        .add();

    use TransitionKind::{Alternative, Next, Recovery, Return};
    d.link(
        check_address,
        compare,
        Next,
        true,
        "Address carried to packages",
    );
    d.link(
        ask_social,
        check_address,
        Alternative,
        false,
        "Link to checker",
    );
    d.link(compare, chat_adviser, Alternative, true, "Needs advice");
    d.link(compare, order, Next, true, "");
    d.link(
        chat_adviser,
        order,
        Next,
        true,
        "Adviser sends a prefilled basket",
    );
    d.link(in_store, order, Alternative, false, "Store orders by phone");
    d.link(order, confirm, Next, true, "");
    d.link(order, line_booking, Next, true, "");
    d.link(
        line_booking,
        job_to_installer,
        Next,
        false,
        "Job sheet to FibreFit",
    );
    d.link(confirm, reminder, Next, true, "");
    d.link(reminder, install, Next, true, "");
    d.link(job_to_installer, install, Next, false, "");
    d.link(
        install,
        rebook,
        Recovery,
        false,
        "Installer does not turn up",
    );
    d.link(rebook, install, Recovery, false, "New date");
    d.link(install, first_online, Next, true, "");
    d.link(first_online, app, Next, true, "");
    d.link(app, first_bill, Next, true, "");
    d.link(
        first_bill,
        call_support,
        Alternative,
        false,
        "Bill looks wrong",
    );
    d.link(app, status, Alternative, true, "Connection drops");
    d.link(status, call_support, Next, false, "Still not working");
    d.link(
        call_support,
        engineer,
        Next,
        true,
        "Engineer booked in the call",
    );
    d.link(engineer, app, Return, true, "Back to normal use");
    d.link(first_bill, renewal, Next, true, "Months later");
    d.link(renewal, renew, Next, true, "");
    d.link(renew, app, Return, true, "Another contract term");
    d.link(renew, recommend, Next, true, "");
    d.j
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
