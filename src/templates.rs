//! Starting points for a new journey: a blank one with the customer stages most journeys
//! share, and industry templates.
//!
//! The templates are as-is journeys with the flaws real ones have (a hand-off that loses the
//! customer's story, a moment of truth nobody has defined, scripts without a purpose), so a
//! team starting from one sees what the analysis and the loose/tight export point out, then
//! rewrites it into their own. Every id comes from the seed: two journeys made from one
//! template never share an id, so either can later be merged into the other.

use crate::draft::Draft;
use crate::model::*;
use Tightness::{Loose, Tight};
use TransitionKind::{Alternative, Next, Recovery, Return};

/// The customer's stages most journeys share (discover to recommend), the four blueprint
/// lanes, the common channels and departments, and no touchpoints. Fresh ids from `seed`.
pub fn blank(seed: u64) -> Journey {
    let mut ids = IdGen::new(seed);
    let stages = [
        ("Discover", "Find out what is on offer"),
        ("Choose", "Pick what suits me"),
        ("Buy", "Commit without friction"),
        ("Start", "Get going quickly"),
        ("Use", "Get the value I paid for"),
        ("Get help", "Have problems fixed first time"),
        ("Renew & recommend", "Stay, and tell others"),
    ];
    let channels = [
        ("Website", ChannelKind::Web),
        ("App", ChannelKind::App),
        ("Phone", ChannelKind::Phone),
        ("Chat", ChannelKind::Chat),
        ("Email", ChannelKind::Email),
        ("Store", ChannelKind::Store),
    ];
    let departments = [
        ("Marketing", DepartmentKind::Marketing),
        ("Sales", DepartmentKind::Sales),
        ("Service", DepartmentKind::Service),
        ("Operations", DepartmentKind::Operations),
        ("IT", DepartmentKind::It),
    ];
    let lanes = [
        LaneKind::CustomerAction,
        LaneKind::FrontStage,
        LaneKind::BackStage,
        LaneKind::SupportProcess,
    ];
    Journey {
        title: "Untitled journey".into(),
        stages: stages
            .iter()
            .map(|(name, goal)| Stage {
                id: ids.id(),
                name: (*name).into(),
                goal: (*goal).into(),
            })
            .collect(),
        channels: channels
            .iter()
            .map(|(name, kind)| Channel {
                id: ids.id(),
                name: (*name).into(),
                kind: *kind,
            })
            .collect(),
        lanes: lanes
            .iter()
            .map(|kind| Lane {
                id: ids.id(),
                name: kind.label().into(),
                kind: *kind,
            })
            .collect(),
        departments: departments
            .iter()
            .map(|(name, kind)| Department {
                id: ids.id(),
                name: (*name).into(),
                kind: *kind,
            })
            .collect(),
        ..Journey::default()
    }
}

/// An industry starting point offered under "New journey".
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable identifier, for settings and links; never shown.
    pub key: &'static str,
    pub name: &'static str,
    pub industry: &'static str,
    /// One sentence for the menu.
    pub summary: &'static str,
    /// Builds the journey with every id drawn from the seed, so each use is a fresh copy.
    pub build: fn(u64) -> Journey,
}

/// The industry templates, in menu order.
pub fn all() -> Vec<Template> {
    vec![
        Template {
            key: "bank-current-account",
            name: "Opening a current account",
            industry: "Retail banking",
            summary: "From comparing accounts to the first year of everyday banking: app, \
                      branch and phone, with an identity-check provider and a card courier.",
            build: bank_account,
        },
        Template {
            key: "hospital-outpatient",
            name: "A hospital outpatient appointment",
            industry: "Healthcare",
            summary: "From the GP's referral to discharge: booking, reminders, the clinic, \
                      results and follow-up, with patient transport and an outpatient pharmacy.",
            build: outpatient,
        },
        Template {
            key: "new-car-dealer",
            name: "Buying a new car through a dealer",
            industry: "Automotive retail",
            summary: "From the online configurator to the first service: test drive, trade-in, \
                      finance and handover, delivered by a franchised dealer and a lender.",
            build: new_car,
        },
    ]
}

/// Opening a personal current account at Harbour Bank: mostly in the app, with the branch and
/// the phone as fallbacks, an identity-check provider and a card courier acting for the bank.
fn bank_account(seed: u64) -> Journey {
    let mut d = Draft::new(seed);
    d.j.title = "Opening a current account - Harbour Bank".into();
    d.j.description = "From comparing accounts to the first year of everyday banking, \
                       including moving salary and bills over from another bank."
        .into();
    d.j.scope = "Personal current accounts for adults, opened in the app or in a branch. \
                 Joint, business and children's accounts are out of scope."
        .into();
    d.j.promise = BrandPromise {
        statement: "Your account working today, and a real person on your side when money \
                    goes wrong."
            .into(),
        proof_points: vec![
            "Most accounts open in under 15 minutes, from the app".into(),
            "Spend with your phone the day you open, before the card arrives".into(),
            "Fraud line answered by a person in under a minute, day or night".into(),
        ],
        customer_values: vec![
            "Feeling in control of my money".into(),
            "Being believed, and helped fast, when something goes wrong".into(),
            "Only going to a branch when I choose to".into(),
        ],
    };
    d.persona(
        "First account of my own",
        "Open it on my phone one evening and be paid into it by my first payday.",
        "Low balances at first; the bank keeps most of them for a decade if the start goes well.",
    );
    d.persona(
        "Switching from another bank",
        "Salary and every direct debit moved over without one bounced payment.",
        "Usually leaving over fees or a bad complaint; worried more about the move than the \
         new bank.",
    );
    d.persona(
        "New to the country",
        "Someone who knows which of my documents will be accepted.",
        "No credit history here and foreign identity papers; automated checks fail most often \
         for this group.",
    );
    for (name, goal) in [
        ("Explore", "Find an account that fits how I use money"),
        ("Apply", "Apply in one sitting, without paperwork"),
        (
            "Prove who I am",
            "Get through the identity checks without a trip out",
        ),
        ("Get started", "Have a card, a PIN and a working app"),
        (
            "Everyday banking",
            "Get paid, pay bills and see where my money goes",
        ),
        (
            "Get help",
            "Have a problem with my money taken seriously and sorted",
        ),
        (
            "Stay & recommend",
            "Feel it is still the right account, and say so",
        ),
    ] {
        d.stage(name, goal);
    }
    for (name, kind) in [
        ("Website", ChannelKind::Web),
        ("Banking app", ChannelKind::App),
        ("Branch", ChannelKind::Store),
        ("Phone banking", ChannelKind::Phone),
        ("In-app chat", ChannelKind::Chat),
        ("Email & SMS", ChannelKind::Email),
        ("Post", ChannelKind::Mail),
        ("Doorstep delivery", ChannelKind::FieldVisit),
    ] {
        d.channel(name, kind);
    }
    d.partner("IDProof Verification", PartnerRole::Other);
    d.partner("SwiftSecure Couriers", PartnerRole::Other);
    for (name, kind) in [
        ("Marketing", DepartmentKind::Marketing),
        ("Branch network", DepartmentKind::Sales),
        ("Digital banking", DepartmentKind::It),
        ("Customer service", DepartmentKind::Service),
        ("Account operations", DepartmentKind::Operations),
        ("Financial crime", DepartmentKind::Custom),
    ] {
        d.department(name, kind);
    }

    let compare = d
        .touchpoint("Explore", "I compare current accounts on the website")
        .via("Website")
        .owner("Marketing")
        .action("Reads the account pages, checks fees and the overdraft rate")
        .expects("Fees, overdraft cost and perks on one page, in plain words")
        .scores(4, 4)
        .feels(0)
        .at_parity(
            "Fee tables follow the regulator's format at every bank; we match it and \
             compete on speed and help",
        )
        .experience(Tight)
        .behaviour(Loose)
        .standard("Every fee a customer could pay in the first year is on the account page")
        .criteria([4, 3, 2, 4])
        .kpis(&["Account page to application start"])
        .evidence(Evidence::Data)
        .add();
    let ask_branch = d
        .touchpoint("Explore", "I ask in a branch what documents I'll need")
        .via("Branch")
        .owner("Branch network")
        .personas(&["New to the country"])
        .action("Walks in with a passport and a tenancy agreement, asks what will be accepted")
        .expects("A definite answer about my own documents, not a leaflet")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .promise("A real person on your side")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Before the customer leaves they know which of their documents will work")
        .latitude(
            "Staff may start the application with the customer at the desk and book a \
             callback once the documents are checked",
        )
        .criteria([2, 3, 3, 4])
        .support(
            "Branch staff praised for accounts opened for hard cases, not just volumes",
            "Training on foreign identity documents and residence permits",
            "",
            "The list of accepted documents on every colleague's tablet",
        )
        .pains(&[
            "Staff unsure which foreign documents are accepted",
            "Told to apply online and come back if it fails",
        ])
        .opportunities(&["A document checker in the app that says yes or no before applying"])
        .evidence(Evidence::Anecdote)
        .add();
    let start_app = d
        .touchpoint("Apply", "I apply in the app")
        .via("Banking app")
        .owner("Digital banking")
        .describe("Download, details, address history and employment, then the checks start.")
        .action("Downloads the app and fills in the application on the sofa")
        .expects("Done in ten minutes, and I can stop and carry on later")
        .scores(3, 5)
        .feels(1)
        .moment_of_truth()
        .promise("Your account working today")
        .proof("Most accounts open in under 15 minutes, from the app")
        .differs("No branch visit and no printed forms at any step")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Any step can be left and resumed on any device without re-entering anything")
        .criteria([3, 4, 4, 4])
        .support(
            "",
            "",
            "Drop-out at every screen reviewed weekly by the product team",
            "Application saved after every screen",
        )
        .pains(&["Closing the app during the address step loses everything typed"])
        .opportunities(&["Prefill the address from the postcode and the phone's contacts card"])
        .kpis(&["Application completion rate", "Median time to apply"])
        .evidence(Evidence::Data)
        .add();
    let stuck = d
        .touchpoint("Apply", "I get stuck and phone for help with the form")
        .via("Phone banking")
        .owner("Customer service")
        .action("Calls the number on the error screen, answers security questions")
        .expects("The person can see how far I got and finishes it with me")
        .scores(1, 4)
        .feels(-2)
        .experience(Loose)
        .behaviour(Tight)
        .criteria([2, 1, 1, 2])
        .pains(&[
            "Agents cannot see unfinished applications, so it starts again from nothing",
            "Security questions the applicant cannot answer: they are not a customer yet",
        ])
        .opportunities(&["Give agents the draft application, found by phone number"])
        .kpis(&["Calls per 100 applications"])
        .evidence(Evidence::Data)
        .add();
    let checks = d
        .touchpoint("Apply", "Eligibility and credit checks run")
        .lane(LaneKind::BackStage)
        .owner("Account operations")
        .experience(Tight)
        .behaviour(Tight)
        .standard(
            "A decision within two minutes for nine applications in ten; a referral is \
             explained in plain words with a date",
        )
        .support(
            "",
            "",
            "Referred applications reviewed the same working day",
            "Credit reference and fraud checks called in one request",
        )
        .evidence(Evidence::Data)
        .add();
    let scan_id = d
        .touchpoint("Prove who I am", "I scan my passport and take a selfie")
        .via("Banking app")
        .owner("Financial crime")
        .delivered_by("IDProof Verification")
        .action("Photographs the passport photo page, records a short selfie video")
        .expects("Works the first time, and tells me why it needs this")
        .scores(3, 5)
        .feels(-1)
        .moment_of_truth()
        .experience(Tight)
        .behaviour(Tight)
        .standard(
            "Checks meet money-laundering rules, and every screen says why the step is needed",
        )
        .criteria([3, 4, 2, 3])
        .support(
            "",
            "",
            "IDProof's failure reasons reviewed with them monthly",
            "Glare and blur detected before the photo is taken",
        )
        .pains(&[
            "Glare on the photo page fails the scan again and again",
            "Some national identity cards are not recognised at all",
        ])
        .opportunities(&["Offer a video call with a verifier after two failed scans"])
        .kpis(&["First-time pass rate of identity checks"])
        .evidence(Evidence::Data)
        .add();
    let branch_check = d
        .touchpoint(
            "Prove who I am",
            "My ID check fails and I'm asked to visit a branch",
        )
        .via("Branch")
        .owner("Branch network")
        .personas(&["New to the country"])
        .action("Books a branch appointment, brings documents in person")
        .expects("The branch knows why it failed and sorts it in one visit")
        .scores(2, 5)
        .feels(-2)
        .moment_of_truth()
        .experience(Loose)
        .behaviour(Loose)
        .latitude("Staff decide case by case which supporting documents to accept")
        .criteria([1, 2, 2, 3])
        .pains(&[
            "First free appointment is a week away",
            "Branch cannot see why the scan failed",
        ])
        .opportunities(&["Pass IDProof's failure reason to the branch with the booking"])
        .kpis(&["Days from application to open account"])
        .evidence(Evidence::Anecdote)
        .add();
    let opened = d
        .touchpoint("Prove who I am", "I'm told my account is open")
        .via("Email & SMS")
        .owner("Account operations")
        .action("Reads the text, opens the app to see the sort code and account number")
        .expects("My details straight away, so I can give them to my employer")
        .scores(4, 4)
        .feels(2)
        .promise("Your account working today")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Sort code and account number sent the moment the account opens")
        .criteria([5, 4, 3, 4])
        .evidence(Evidence::Data)
        .add();
    let courier = d
        .touchpoint("Get started", "My card arrives by courier")
        .via("Doorstep delivery")
        .owner("Account operations")
        .delivered_by("SwiftSecure Couriers")
        .action("Picks a delivery slot, shows ID at the door, signs")
        .expects("A slot that suits me and nothing left on the doorstep")
        .scores(3, 3)
        .feels(1)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Card handed only to the account holder, within three working days")
        .latitude("The driver may rearrange the slot on the doorstep or by phone")
        .criteria([3, 3, 2, 3])
        .support(
            "Couriers briefed that a missed card is a customer who cannot pay for things",
            "",
            "",
            "Delivery slots booked in the app from the courier's live diary",
        )
        .pains(&["A missed delivery means collecting from a depot across town"])
        .opportunities(&["Let the customer redirect to a branch or a locker"])
        .kpis(&["Cards delivered at the first attempt"])
        .evidence(Evidence::Data)
        .add();
    let pin = d
        .touchpoint("Get started", "My PIN comes in a separate letter")
        .via("Post")
        .owner("Account operations")
        .action("Waits for the letter, memorises the PIN")
        .expects("It arrives before or with the card")
        .scores(2, 3)
        .feels(-1)
        .at_parity("Sending the PIN apart from the card is standard across banks")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Never in the same post as the card")
        .criteria([2, 3, 1, 2])
        .pains(&["The letter can arrive a week after the card"])
        .opportunities(&["Show the PIN in the app behind the phone's biometrics"])
        .evidence(Evidence::Anecdote)
        .add();
    let wallet = d
        .touchpoint("Get started", "I add my card to my phone and pay for lunch")
        .via("Banking app")
        .owner("Digital banking")
        .action("Taps 'add to wallet' on the welcome screen, pays with the phone")
        .expects("To spend the same day, before any plastic arrives")
        .scores(5, 4)
        .feels(2)
        .moment_of_truth()
        .proof("Spend with your phone the day you open, before the card arrives")
        .differs("Most banks make new customers wait for the card")
        .experience(Tight)
        .behaviour(Loose)
        .standard("The card is ready for the phone wallet within a minute of opening")
        .criteria([4, 5, 4, 5])
        .kpis(&["Share of new customers who spend on day one"])
        .evidence(Evidence::Data)
        .add();
    let switch = d
        .touchpoint("Everyday banking", "I move my salary and bills over")
        .via("Banking app")
        .owner("Account operations")
        .personas(&["Switching from another bank"])
        .action("Picks a switch date, names the old account, confirms")
        .expects("Nothing bounces and I don't have to tell anyone my new details")
        .scores(4, 5)
        .feels(0)
        .moment_of_truth()
        .at_parity(
            "Every bank offers the same switching guarantee; we show progress instead of \
             going quiet for a week",
        )
        .experience(Tight)
        .behaviour(Tight)
        .standard("Every payment moved on the chosen date; any charge from a missed one refunded")
        .criteria([4, 4, 2, 4])
        .kpis(&["Switches completed on the chosen date"])
        .evidence(Evidence::Data)
        .add();
    let spending = d
        .touchpoint("Everyday banking", "I check what I've spent this month")
        .via("Banking app")
        .owner("Digital banking")
        .action("Opens the app most days, looks at the balance and upcoming bills")
        .expects("What's left after the bills due this month, at a glance")
        .scores(4, 4)
        .feels(1)
        .promise("Feeling in control of my money")
        .differs("Balance shown after bills that are still to leave, not just today's figure")
        .experience(Tight)
        .behaviour(Loose)
        .criteria([4, 4, 3, 4])
        .opportunities(&["Warn a day ahead when a bill would take the account overdrawn"])
        .kpis(&["Weekly active app users", "Customer effort score"])
        .evidence(Evidence::Research)
        .add();
    let fraud = d
        .touchpoint("Get help", "I report a payment I don't recognise")
        .via("In-app chat")
        .owner("Customer service")
        .action("Freezes the card in the app, opens a chat, describes the payment")
        .expects("Card frozen in seconds, someone who believes me, my money back quickly")
        .scores(3, 5)
        .feels(-2)
        .moment_of_truth()
        .promise("A real person on your side when money goes wrong")
        .proof("Fraud line answered by a person in under a minute, day or night")
        .experience(Tight)
        .behaviour(Loose)
        .standard("A person replies within a minute; the customer hears what happens next and when")
        .latitude("Agents may refund up to £250 on the spot while they investigate")
        .criteria([3, 4, 4, 4])
        .support(
            "Agents trusted to refund first and check after, and backed when they do",
            "Training on talking to someone who has just been scammed",
            "One agent keeps the case to the end",
            "Chat shows the disputed payment and the customer's recent app activity",
        )
        .pains(&["Passed between chat and the phone team, retelling the story"])
        .kpis(&[
            "First-contact resolution",
            "Satisfaction after a fraud case",
        ])
        .evidence(Evidence::Research)
        .add();
    let review = d
        .touchpoint("Stay & recommend", "I get a yearly summary of my account")
        .via("Email & SMS")
        .owner("Marketing")
        .action("Reads what was paid in fees and interest over the year")
        .expects("An honest view, including whether another account would suit me better")
        .scores(2, 3)
        .feels(0)
        .experience(Loose)
        .behaviour(Loose)
        .criteria([0, 2, 2, 3])
        .pains(&["Reads like an advert for a credit card"])
        .opportunities(&["Say plainly if a different Harbour account would cost less"])
        .kpis(&["Accounts still in use after a year"])
        .evidence(Evidence::Assumption)
        .add();
    let refer = d
        .touchpoint("Stay & recommend", "I tell a friend how painless it was")
        .lane(LaneKind::CustomerAction)
        .via("Banking app")
        .action("Sends a referral link from the app")
        .expects("My friend gets set up as easily as I did")
        .scores(3, 3)
        .feels(2)
        .ends_journey()
        .kpis(&["Net Promoter Score", "Referral openings"])
        .add();

    d.link(
        compare,
        start_app,
        Next,
        true,
        "Chosen account carried into the app",
    );
    d.link(
        ask_branch,
        start_app,
        Alternative,
        true,
        "Started together at the desk",
    );
    d.link(start_app, checks, Next, true, "");
    d.link(
        start_app,
        stuck,
        Recovery,
        false,
        "Stuck on the address step",
    );
    d.link(
        stuck,
        checks,
        Next,
        false,
        "Agent keys the application again",
    );
    d.link(checks, scan_id, Next, true, "");
    d.link(scan_id, opened, Next, true, "");
    d.link(
        scan_id,
        branch_check,
        Recovery,
        false,
        "Scan fails three times",
    );
    d.link(
        branch_check,
        opened,
        Next,
        false,
        "Documents checked by hand",
    );
    d.link(opened, wallet, Next, true, "Card ready in the app");
    d.link(opened, courier, Next, true, "");
    d.link(opened, pin, Next, true, "");
    d.link(courier, switch, Next, true, "");
    d.link(pin, switch, Next, true, "");
    d.link(wallet, spending, Next, true, "");
    d.link(switch, spending, Next, true, "First salary paid in");
    d.link(
        spending,
        fraud,
        Alternative,
        true,
        "A payment I don't recognise",
    );
    d.link(fraud, spending, Return, true, "Refund in, card replaced");
    d.link(spending, review, Next, true, "A year on");
    d.link(review, spending, Return, true, "Keeps the account");
    d.link(review, refer, Next, true, "");
    d.j
}

/// An outpatient appointment at Riverside Hospital, from the GP's referral to discharge. The
/// GP practice, the patient-transport contractor and the outpatient pharmacy all act for the
/// hospital in the patient's eyes.
fn outpatient(seed: u64) -> Journey {
    let mut d = Draft::new(seed);
    d.j.title = "An outpatient appointment - Riverside Hospital".into();
    d.j.description = "From the GP deciding a specialist should look at it, through booking, \
                       the clinic visit and test results, to the plan and discharge."
        .into();
    d.j.scope = "Planned outpatient appointments for adults and children referred by a GP. \
                 Emergency care, inpatient stays and private patients are out of scope."
        .into();
    d.j.promise = BrandPromise {
        statement: "Seen when we said, by people who know your story, and never left wondering \
                    what happens next."
            .into(),
        proof_points: vec![
            "Choose your own appointment slot, online or by phone".into(),
            "Results explained to you within ten working days of the test".into(),
            "A named contact for every clinic, who answers within a day".into(),
        ],
        customer_values: vec![
            "Knowing what happens next, and when".into(),
            "Being treated as a person, not a referral number".into(),
            "Not losing a day for a ten-minute appointment".into(),
        ],
    };
    d.persona(
        "Working adult with a new symptom",
        "An appointment around work, soon enough to stop worrying, and straight answers.",
        "Books online, reads results the moment they appear, most likely to chase by phone.",
    );
    d.persona(
        "Older patient who relies on transport",
        "Letters and phone calls rather than apps, and help getting there and back.",
        "Often comes with a carer; a cancelled clinic costs them a whole day and a transport \
         booking.",
    );
    d.persona(
        "Parent bringing a child",
        "Short waits, a clinic that is used to children, and time off work kept to a minimum.",
        "Needs after-school slots; both parent and child need the plan explained.",
    );
    for (name, goal) in [
        (
            "Get referred",
            "Understand why I'm being sent and how long it will take",
        ),
        ("Book", "Get a date I can make, soon enough"),
        ("Prepare", "Arrive knowing where to go and what to bring"),
        ("Attend", "Be seen on time by someone who has read my notes"),
        (
            "Results",
            "Hear what the tests showed without having to chase",
        ),
        ("Follow-up", "Get my medicines and know the plan from here"),
    ] {
        d.stage(name, goal);
    }
    for (name, kind) in [
        ("GP surgery", ChannelKind::Partner),
        ("Patient portal", ChannelKind::Web),
        ("Appointments line", ChannelKind::Phone),
        ("Text messages", ChannelKind::Email),
        ("Letter", ChannelKind::Mail),
        ("Outpatient clinic", ChannelKind::Custom),
        ("Transport to hospital", ChannelKind::FieldVisit),
        ("Pharmacy counter", ChannelKind::Partner),
    ] {
        d.channel(name, kind);
    }
    d.partner("Referring GP practices", PartnerRole::Other);
    d.partner("CareRide Patient Transport", PartnerRole::OutsourcedSupport);
    d.partner("Wellway Outpatient Pharmacy", PartnerRole::Retailer);
    for (name, kind) in [
        ("Referral management", DepartmentKind::Operations),
        ("Outpatient bookings", DepartmentKind::Service),
        ("Clinical teams", DepartmentKind::Custom),
        ("Diagnostics", DepartmentKind::Custom),
        ("Facilities", DepartmentKind::Operations),
        ("Digital services", DepartmentKind::It),
    ] {
        d.department(name, kind);
    }

    let gp = d
        .touchpoint("Get referred", "My GP says I need to see a specialist")
        .via("GP surgery")
        .owner("Referral management")
        .delivered_by("Referring GP practices")
        .action("Listens, asks how long it will take, goes home to wait")
        .expects("Why I'm being referred, how urgent it is and how long the wait is")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .experience(Loose)
        .behaviour(Loose)
        .criteria([2, 2, 0, 3])
        .pains(&[
            "The GP cannot say how long the wait will be",
            "Nothing to take away about what happens next",
        ])
        .opportunities(&["Give GPs live waiting times and a leaflet per specialty"])
        .evidence(Evidence::Research)
        .add();
    let triage = d
        .touchpoint("Get referred", "A consultant triages my referral")
        .lane(LaneKind::BackStage)
        .owner("Clinical teams")
        .describe("The consultant reads the GP's letter and sets urgency and the right clinic.")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Urgent referrals triaged within one working day, routine within five")
        .support(
            "",
            "Consultant time for triage set aside in every job plan",
            "Referrals that cannot be triaged go back to the GP with a question, not a refusal",
            "Electronic referrals with the GP's notes attached",
        )
        .kpis(&["Days from referral to triage"])
        .evidence(Evidence::Data)
        .add();
    let invite = d
        .touchpoint("Book", "I get a letter inviting me to book")
        .via("Letter")
        .owner("Outpatient bookings")
        .action("Reads the letter, finds the booking number and reference")
        .expects("A clear way to book, and a sense of how soon")
        .scores(2, 3)
        .feels(0)
        .experience(Loose)
        .behaviour(Tight)
        .criteria([3, 2, 1, 2])
        .pains(&[
            "Takes a week to arrive and reads like a legal notice",
            "No mention of transport or interpreters",
        ])
        .opportunities(&["Send the invitation by text too, with a booking link"])
        .evidence(Evidence::Anecdote)
        .add();
    let book_online = d
        .touchpoint("Book", "I choose my appointment online")
        .via("Patient portal")
        .owner("Digital services")
        .personas(&[
            "Working adult with a new symptom",
            "Parent bringing a child",
        ])
        .action("Logs in with the reference, picks a slot, adds a note about access needs")
        .expects("Evening or early slots, and to change it later without phoning")
        .scores(4, 5)
        .feels(1)
        .moment_of_truth()
        .proof("Choose your own appointment slot, online or by phone")
        .differs("Any open clinic slot, including evening clinics, can be picked and changed")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Every slot shown is a real slot with a clinician booked into it")
        .criteria([4, 4, 4, 4])
        .kpis(&[
            "Share of first appointments booked online",
            "Weeks from referral to first appointment",
        ])
        .evidence(Evidence::Data)
        .add();
    let book_phone = d
        .touchpoint("Book", "I phone to book because I can't get online")
        .via("Appointments line")
        .owner("Outpatient bookings")
        .personas(&["Older patient who relies on transport"])
        .action("Calls at 9am, waits in a queue, agrees a date")
        .expects("A person who books transport in the same call")
        .scores(2, 4)
        .feels(-1)
        .proof("Choose your own appointment slot, online or by phone")
        .experience(Tight)
        .behaviour(Loose)
        .standard("The caller ends the call with a confirmed date, and transport if they need it")
        .latitude(
            "Booking staff may use slots held back for patients who need transport or an \
             interpreter",
        )
        .criteria([2, 3, 2, 3])
        .support(
            "",
            "More staff on the line between 9 and 11",
            "Transport booked by the same person, not a second call",
            "Call-back instead of queueing",
        )
        .pains(&["Queues of 30 minutes at opening time"])
        .kpis(&["Average wait to answer", "Calls abandoned"])
        .evidence(Evidence::Data)
        .add();
    let reminder = d
        .touchpoint("Prepare", "I get a text reminder with directions")
        .via("Text messages")
        .owner("Outpatient bookings")
        .action("Reads the text, checks the map link, replies if they can't come")
        .expects("Which entrance, where to park and what to bring")
        .scores(4, 3)
        .feels(1)
        .differs("Reminders that name the entrance and the nearest car park, not just a time")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Sent seven days and one day before; a reply to cancel frees the slot")
        .criteria([4, 4, 3, 4])
        .kpis(&["Did-not-attend rate"])
        .evidence(Evidence::Data)
        .add();
    let transport = d
        .touchpoint("Prepare", "Hospital transport collects me from home")
        .via("Transport to hospital")
        .owner("Facilities")
        .delivered_by("CareRide Patient Transport")
        .personas(&["Older patient who relies on transport"])
        .action("Waits ready at home from early morning, is helped into the vehicle")
        .expects("Picked up in a short window and on time for my appointment")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .promise("Not losing a day for a ten-minute appointment")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Patient at the clinic at least 20 minutes before the appointment")
        .latitude("Crews may wait, help the patient to the clinic door, or bring a carer along")
        .criteria([2, 3, 2, 4])
        .support(
            "CareRide crews treated as part of the clinic team, invited to its briefings",
            "",
            "Pickups planned around appointment times, not vehicle routes",
            "Crews see the clinic's location and any late running",
        )
        .pains(&[
            "A four-hour collection window",
            "Crews don't know the clinic has moved buildings",
        ])
        .opportunities(&["Text a 30-minute pickup window on the morning"])
        .kpis(&["Patients arriving late by transport"])
        .evidence(Evidence::Research)
        .add();
    let cancelled = d
        .touchpoint("Prepare", "The hospital cancels and offers me a new date")
        .via("Appointments line")
        .owner("Outpatient bookings")
        .action("Gets a call or letter, agrees a new date, rebooks transport")
        .expects("An apology, a reason and a new date soon, with my place kept")
        .scores(1, 5)
        .feels(-2)
        .moment_of_truth()
        .promise("Seen when we said")
        .experience(Loose)
        .behaviour(Tight)
        .criteria([1, 2, 1, 2])
        .pains(&[
            "Transport is not moved with the appointment",
            "Sent to the back of the queue",
        ])
        .opportunities(&["Rebook within two weeks automatically and move transport with it"])
        .kpis(&["Clinics cancelled by the hospital at under six weeks' notice"])
        .evidence(Evidence::Data)
        .add();
    let check_in = d
        .touchpoint("Attend", "I check in at the clinic desk")
        .via("Outpatient clinic")
        .owner("Outpatient bookings")
        .action("Gives name and date of birth, confirms address, sits down")
        .expects("To know how long I'll wait")
        .scores(3, 3)
        .feels(0)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Every patient told at check-in how late the clinic is running")
        .latitude("Receptionists may move a patient up the list if they have transport waiting")
        .criteria([3, 3, 2, 3])
        .pains(&["Nobody says the clinic is running an hour late"])
        .opportunities(&["Show the wait on a screen and by text, so people can get a coffee"])
        .evidence(Evidence::Anecdote)
        .add();
    let consult = d
        .touchpoint("Attend", "I see the consultant")
        .via("Outpatient clinic")
        .owner("Clinical teams")
        .action("Explains the symptoms, is examined, asks questions")
        .expects("They have read my GP's letter, explain in plain words, and I can ask things")
        .scores(4, 5)
        .feels(1)
        .moment_of_truth()
        .promise("By people who know your story")
        .differs("The plan is written down with the patient before they leave the room")
        .experience(Tight)
        .behaviour(Loose)
        .standard(
            "The referral and any earlier results are read before the patient comes in; the \
             plan is agreed before they leave",
        )
        .latitude(
            "The consultant decides how long the appointment runs and whether tests can be \
             done the same day",
        )
        .criteria([3, 4, 4, 5])
        .support(
            "Clinicians given time to prepare, not only to see patients",
            "Communication skills in every consultant's appraisal",
            "",
            "The GP letter and past results on one screen",
        )
        .kpis(&["Patients who felt involved in decisions"])
        .evidence(Evidence::Research)
        .add();
    let tests = d
        .touchpoint("Attend", "I have blood taken and a scan requested")
        .via("Outpatient clinic")
        .owner("Diagnostics")
        .action("Queues at the blood room, is told the scan will be booked by letter")
        .expects("Done today, with a date for the scan before I go home")
        .scores(2, 4)
        .feels(-1)
        .experience(Tight)
        .behaviour(Tight)
        .standard("Two identifiers checked before every sample is taken")
        .criteria([4, 3, 1, 3])
        .pains(&[
            "A second queue for bloods",
            "Scan date arrives weeks later by post",
        ])
        .opportunities(&["Book the scan at the desk before the patient leaves"])
        .evidence(Evidence::Anecdote)
        .add();
    let portal = d
        .touchpoint("Results", "I read my results in the patient portal")
        .via("Patient portal")
        .owner("Digital services")
        .action("Gets a notification, opens the results at home")
        .expects("What the numbers mean for me, not just the numbers")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .proof("Results explained to you within ten working days of the test")
        .experience(Loose)
        .behaviour(Loose)
        .criteria([2, 2, 3, 3])
        .pains(&["Results appear before anyone has explained them, which frightens people"])
        .opportunities(&["Release worrying results only once the clinician has added a note"])
        .kpis(&["Results with a clinician's note"])
        .evidence(Evidence::Research)
        .add();
    let chase = d
        .touchpoint("Results", "I phone to chase results I haven't heard about")
        .via("Appointments line")
        .owner("Outpatient bookings")
        .action("Calls, is put through to the clinic secretary, leaves a message")
        .expects("Someone who can see my results and tell me when I'll hear")
        .scores(1, 5)
        .feels(-2)
        .proof("A named contact for every clinic, who answers within a day")
        .experience(Loose)
        .behaviour(Tight)
        .criteria([1, 1, 1, 2])
        .pains(&["Callers are told only that results go to the consultant"])
        .opportunities(&["A named contact per clinic who can read out a reviewed result"])
        .kpis(&["Calls chasing results per 100 tests"])
        .evidence(Evidence::Data)
        .add();
    let pharmacy = d
        .touchpoint(
            "Follow-up",
            "I collect my medicine from the hospital pharmacy",
        )
        .via("Pharmacy counter")
        .owner("Clinical teams")
        .delivered_by("Wellway Outpatient Pharmacy")
        .action("Hands over the prescription, waits, listens to how to take it")
        .expects("A short wait and a pharmacist who explains the side effects")
        .scores(3, 4)
        .feels(0)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Ready within 30 minutes; a pharmacist talks through every new medicine")
        .latitude("Pharmacists may swap to an equivalent brand in stock and explain why")
        .criteria([3, 3, 2, 4])
        .pains(&["An hour's wait at the end of a long clinic"])
        .opportunities(&["Text when the prescription is ready"])
        .kpis(&["Median wait for outpatient prescriptions"])
        .evidence(Evidence::Data)
        .add();
    let plan_letter = d
        .touchpoint("Follow-up", "I get a letter setting out the plan")
        .via("Letter")
        .owner("Clinical teams")
        .action("Reads the clinic letter, shares it with family")
        .expects("The plan in words I understand, with who to call")
        .scores(2, 4)
        .feels(0)
        .promise("Never left wondering what happens next")
        .at_parity("Copying the clinic letter to the patient is expected of every hospital")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Sent within seven days, written to the patient and copied to the GP")
        .criteria([2, 3, 0, 4])
        .pains(&["Written to the GP in medical shorthand; the patient gets the same copy"])
        .opportunities(&["Write to the patient and copy the GP, not the other way round"])
        .evidence(Evidence::Research)
        .add();
    let come_back = d
        .touchpoint("Follow-up", "I'm asked to come back in three months")
        .via("Patient portal")
        .owner("Outpatient bookings")
        .action("Gets an invitation to book the review appointment")
        .expects("To book it the way I booked the first one")
        .scores(3, 3)
        .feels(0)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Review appointments open for booking before the patient leaves the clinic")
        .criteria([3, 3, 2, 3])
        .kpis(&["Review appointments overdue"])
        .evidence(Evidence::Data)
        .add();
    let discharged = d
        .touchpoint("Follow-up", "I'm discharged back to my GP")
        .via("Letter")
        .owner("Clinical teams")
        .action("Reads the discharge letter, books a GP review if asked to")
        .expects("To know what to watch for and when to come back")
        .scores(3, 4)
        .feels(1)
        .ends_journey()
        .experience(Tight)
        .behaviour(Loose)
        .standard("Says what to look out for and how to get back in without a new referral")
        .kpis(&["Patient-reported experience score"])
        .add();

    d.link(
        gp,
        triage,
        Next,
        true,
        "Electronic referral with the GP's notes",
    );
    d.link(triage, invite, Next, true, "");
    d.link(invite, book_online, Next, true, "Reference in the letter");
    d.link(invite, book_phone, Alternative, true, "Can't get online");
    d.link(book_online, reminder, Next, true, "");
    d.link(book_phone, reminder, Next, true, "");
    d.link(
        reminder,
        transport,
        Next,
        true,
        "Transport booked with the slot",
    );
    d.link(reminder, check_in, Next, true, "");
    d.link(transport, check_in, Next, true, "");
    d.link(
        reminder,
        cancelled,
        Recovery,
        false,
        "Clinic cancelled at short notice",
    );
    d.link(
        cancelled,
        check_in,
        Next,
        false,
        "New date; transport booked again",
    );
    d.link(check_in, consult, Next, true, "");
    d.link(consult, tests, Next, true, "");
    d.link(
        consult,
        pharmacy,
        Alternative,
        true,
        "Medicine started on the day",
    );
    d.link(tests, portal, Next, true, "");
    d.link(
        tests,
        chase,
        Recovery,
        false,
        "Nothing heard after three weeks",
    );
    d.link(chase, portal, Next, false, "Result reviewed and released");
    d.link(portal, plan_letter, Next, true, "");
    d.link(pharmacy, plan_letter, Next, true, "");
    d.link(plan_letter, come_back, Next, true, "Needs a review");
    d.link(
        come_back,
        book_online,
        Return,
        true,
        "Review booked like the first visit",
    );
    d.link(plan_letter, discharged, Next, true, "Nothing more needed");
    d.j
}

/// Buying a new Norden car: the brand runs the website, the app and customer relations; a
/// franchised dealer sells, hands over and services the car, and a lender provides finance.
fn new_car(seed: u64) -> Journey {
    let mut d = Draft::new(seed);
    d.j.title = "Buying a new car - Norden".into();
    d.j.description = "From building a car in the configurator to the first service, through \
                       test drive, trade-in, finance, the wait and the handover."
        .into();
    d.j.scope = "Private buyers of new cars, paying cash or on finance, through a franchised \
                 Norden dealer. Used cars, fleet sales and employer leasing are out of scope."
        .into();
    d.j.promise = BrandPromise {
        statement: "One honest price, a car you have really tried, and a handover that makes \
                    it feel like yours."
            .into(),
        proof_points: vec![
            "The same price at every Norden dealer, shown online".into(),
            "Test drives of up to 24 hours, from the showroom or your home".into(),
            "Delivery date kept, or your first service is on us".into(),
        ],
        customer_values: vec![
            "Trusting the price without haggling".into(),
            "Being sure I chose the right car".into(),
            "Owning it without it eating my weekends".into(),
        ],
    };
    d.persona(
        "Family going electric",
        "To try it on a real school run and know how charging at home will work.",
        "First electric car; range and charging worries decide whether they order.",
    );
    d.persona(
        "Buyer on a monthly budget",
        "A monthly payment I can afford, a fair trade-in, and no pressure in the showroom.",
        "Compares three brands at once; walks away if the numbers move at the desk.",
    );
    d.persona(
        "Returning Norden owner",
        "To be recognised, and to have the next car be easier than the last.",
        "Most loyal segment; decides on replacement when the finance ends.",
    );
    for (name, goal) in [
        (
            "Research",
            "Narrow it down to a car that fits my life and budget",
        ),
        ("Try", "Drive it and get honest answers"),
        (
            "Agree the deal",
            "A fair price, trade-in and payment, without pressure",
        ),
        (
            "Wait for my car",
            "Know where my car is and when it will come",
        ),
        ("Collect", "Drive away knowing how everything works"),
        ("Own", "Keep it running without hassle"),
    ] {
        d.stage(name, goal);
    }
    for (name, kind) in [
        ("Website & configurator", ChannelKind::Web),
        ("Owner app", ChannelKind::App),
        ("Live chat", ChannelKind::Chat),
        ("Phone", ChannelKind::Phone),
        ("Email", ChannelKind::Email),
        ("Dealer showroom", ChannelKind::Partner),
        ("Dealer workshop", ChannelKind::Partner),
        ("At my home", ChannelKind::FieldVisit),
    ] {
        d.channel(name, kind);
    }
    d.partner("Westgate Norden", PartnerRole::Dealer);
    d.partner("Keystone Motor Finance", PartnerRole::Other);
    for (name, kind) in [
        ("Marketing", DepartmentKind::Marketing),
        ("Retail network", DepartmentKind::Sales),
        ("Customer relations", DepartmentKind::Service),
        ("Vehicle logistics", DepartmentKind::Operations),
        ("Connected services", DepartmentKind::It),
        ("Aftersales", DepartmentKind::Service),
    ] {
        d.department(name, kind);
    }

    let configure = d
        .touchpoint("Research", "I build my car in the online configurator")
        .via("Website & configurator")
        .owner("Marketing")
        .action("Picks a model, trim, colour and options; saves the build")
        .expects("The real price of what I chose, and roughly when I could have it")
        .scores(3, 5)
        .feels(1)
        .moment_of_truth()
        .promise("One honest price")
        .proof("The same price at every Norden dealer, shown online")
        .differs("Dealers cannot add to or haggle over the online price")
        .experience(Tight)
        .behaviour(Loose)
        .standard("The price shown includes delivery and registration, and matches the invoice")
        .criteria([3, 4, 4, 4])
        .support(
            "",
            "",
            "Dealer agreements fix the price; their margin is a fee, not a discount game",
            "Build availability fed from the factory's order book",
        )
        .pains(&["No delivery estimate until the dealer is involved"])
        .opportunities(&["Show the likely delivery month beside each option"])
        .kpis(&["Saved builds", "Builds that lead to a test drive"])
        .evidence(Evidence::Data)
        .add();
    let chat = d
        .touchpoint("Research", "I ask in chat how charging at home works")
        .via("Live chat")
        .owner("Customer relations")
        .personas(&["Family going electric"])
        .action("Asks about home chargers, range in winter, and costs")
        .expects("Honest numbers for my driving, not the brochure figures")
        .scores(4, 4)
        .feels(1)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Range answers use the customer's own mileage and climate")
        .latitude("Advisers may book a home-charger survey or a 24-hour test drive")
        .criteria([3, 4, 4, 4])
        .kpis(&["Chat satisfaction"])
        .evidence(Evidence::Research)
        .add();
    let book_drive = d
        .touchpoint("Try", "I book a test drive with my nearest dealer")
        .via("Website & configurator")
        .owner("Retail network")
        .action("Chooses a dealer and a time, attaches the saved build")
        .expects("The dealer already knows what I built and when I'm coming")
        .scores(2, 4)
        .feels(0)
        .experience(Loose)
        .behaviour(Tight)
        .criteria([2, 2, 2, 3])
        .pains(&["The dealer phones to ask everything that was just typed in"])
        .opportunities(&["Send the saved build to the dealer's system with the booking"])
        .kpis(&["Test drives booked online"])
        .evidence(Evidence::Anecdote)
        .add();
    let showroom_drive = d
        .touchpoint("Try", "I test drive the car from the showroom")
        .via("Dealer showroom")
        .owner("Retail network")
        .delivered_by("Westgate Norden")
        .action("Drives a demonstrator on roads they know, asks the salesperson questions")
        .expects("The trim I configured, ready to go, and nobody pushing me to sign")
        .scores(3, 5)
        .feels(1)
        .moment_of_truth()
        .promise("A car you have really tried")
        .proof("Test drives of up to 24 hours, from the showroom or your home")
        .experience(Tight)
        .behaviour(Loose)
        .standard(
            "Car ready and charged at the booked time; the saved build on the salesperson's screen",
        )
        .latitude("The salesperson may turn a short drive into an overnight loan")
        .criteria([3, 4, 3, 4])
        .support(
            "Sales staff rewarded on customer satisfaction as well as orders",
            "Product training on the electric range",
            "",
            "",
        )
        .pains(&["The demonstrator is a different trim from the one configured"])
        .kpis(&["Test drive to order rate"])
        .evidence(Evidence::Research)
        .add();
    let home_drive = d
        .touchpoint("Try", "The dealer brings a car to my home to try")
        .via("At my home")
        .owner("Retail network")
        .delivered_by("Westgate Norden")
        .personas(&["Family going electric"])
        .action("Keeps the car overnight, does the school run, plugs it in at home")
        .expects("A full day with it, and help checking my driveway for a charger")
        .scores(4, 4)
        .feels(2)
        .proof("Test drives of up to 24 hours, from the showroom or your home")
        .differs("Try it in your own life, not round the block from the showroom")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Delivered clean and fully charged, with a cable for a normal socket")
        .latitude("Driver may extend the loan by a day if the family asks")
        .criteria([3, 4, 5, 4])
        .kpis(&["Home test drives that lead to an order"])
        .evidence(Evidence::Data)
        .add();
    let trade_in = d
        .touchpoint("Agree the deal", "I get a valuation for my old car")
        .via("Dealer showroom")
        .owner("Retail network")
        .delivered_by("Westgate Norden")
        .action("Hands over the keys for an appraisal, waits for a figure")
        .expects("A fair figure, explained, that doesn't change on collection day")
        .scores(2, 4)
        .feels(-1)
        .experience(Loose)
        .behaviour(Loose)
        .latitude("Appraisers set the figure on the day")
        .criteria([1, 2, 2, 3])
        .pains(&["The figure drops at handover for marks nobody mentioned"])
        .opportunities(&["A photo valuation online, guaranteed for 14 days"])
        .evidence(Evidence::Anecdote)
        .add();
    let finance = d
        .touchpoint("Agree the deal", "I apply for finance at the dealer's desk")
        .via("Dealer showroom")
        .owner("Retail network")
        .delivered_by("Keystone Motor Finance")
        .personas(&["Buyer on a monthly budget"])
        .action("Answers affordability questions, reads the agreement, signs")
        .expects("A quick decision and the total I'll pay, in plain numbers")
        .scores(3, 5)
        .feels(0)
        .moment_of_truth()
        .at_parity("Credit rules make this step the same at every brand; the aim is speed")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Affordability checked and the total amount payable shown before signing")
        .criteria([4, 3, 2, 3])
        .support(
            "",
            "Salespeople qualified to explain credit, not just sell it",
            "",
            "Decision in principle from Keystone within minutes",
        )
        .pains(&["An hour of paperwork at the desk"])
        .opportunities(&["Let people apply from home before the visit"])
        .kpis(&[
            "Finance acceptance rate",
            "Time from application to decision",
        ])
        .evidence(Evidence::Data)
        .add();
    let referred = d
        .touchpoint(
            "Agree the deal",
            "My finance is referred and I'm left waiting",
        )
        .via("Email")
        .owner("Retail network")
        .delivered_by("Keystone Motor Finance")
        .personas(&["Buyer on a monthly budget"])
        .action("Gets an email saying the application is under review")
        .expects("What 'referred' means, what they need from me and how long it takes")
        .scores(1, 4)
        .feels(-2)
        .experience(Loose)
        .behaviour(Tight)
        .criteria([2, 1, 1, 2])
        .pains(&["Standard email with no timescale and no contact name"])
        .opportunities(&["Dealer calls the same day with what Keystone needs"])
        .kpis(&["Referred applications decided within two days"])
        .evidence(Evidence::Anecdote)
        .add();
    let order = d
        .touchpoint("Agree the deal", "I sign the order and pay the deposit")
        .via("Dealer showroom")
        .owner("Retail network")
        .delivered_by("Westgate Norden")
        .action("Checks the order matches the build, pays the deposit by card")
        .expects("The price I saw online on the order form")
        .scores(4, 5)
        .feels(1)
        .promise("One honest price")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Order price equals the online price for the same build")
        .latitude("The dealer may add a free accessory to say thank you")
        .criteria([4, 4, 4, 4])
        .evidence(Evidence::Data)
        .add();
    let tracking = d
        .touchpoint("Wait for my car", "I follow my car from factory to dealer")
        .via("Owner app")
        .owner("Vehicle logistics")
        .action("Checks the app every few days for build and shipping updates")
        .expects("Honest progress, and warning early if the date moves")
        .scores(3, 4)
        .feels(1)
        .proof("Delivery date kept, or your first service is on us")
        .differs("Build and shipping milestones shown as they happen")
        .experience(Tight)
        .behaviour(Tight)
        .standard("Every milestone appears within a day; a slipping date is flagged at once")
        .criteria([3, 4, 4, 3])
        .support(
            "",
            "",
            "",
            "Factory and shipping systems feed the app directly",
        )
        .pains(&["The estimate slips without an explanation"])
        .kpis(&["Cars delivered on the first promised date"])
        .evidence(Evidence::Data)
        .add();
    let delay = d
        .touchpoint(
            "Wait for my car",
            "My delivery slips and the dealer calls me",
        )
        .via("Phone")
        .owner("Customer relations")
        .delivered_by("Westgate Norden")
        .action("Takes the call, works out how to manage without the new car")
        .expects("Told before I notice, with a new date and help in the meantime")
        .scores(2, 5)
        .feels(-1)
        .moment_of_truth()
        .proof("Delivery date kept, or your first service is on us")
        .experience(Loose)
        .behaviour(Loose)
        .latitude("Dealers may lend a car or extend the trade-in's use until delivery")
        .criteria([2, 2, 3, 3])
        .pains(&["Sometimes the customer finds out from the app before the dealer calls"])
        .opportunities(&["Apply the free first service automatically when a date is missed"])
        .evidence(Evidence::Anecdote)
        .add();
    let handover = d
        .touchpoint("Collect", "I collect my car and am shown how it all works")
        .via("Dealer showroom")
        .owner("Retail network")
        .delivered_by("Westgate Norden")
        .describe("The handover happens in a private bay with a product specialist.")
        .action(
            "Walks round the car, pairs the phone, learns the charging cable and the driver aids",
        )
        .expects("Unhurried, in private, and I leave knowing the car")
        .scores(4, 5)
        .feels(2)
        .moment_of_truth()
        .promise("A handover that makes it feel like yours")
        .differs("A product specialist, not the salesperson, does the handover")
        .experience(Tight)
        .behaviour(Loose)
        .standard(
            "At least 45 minutes, in a private bay, with the app paired before the customer \
             drives off",
        )
        .latitude("The specialist chooses what to show based on what the customer already knows")
        .criteria([4, 5, 4, 5])
        .support(
            "Handover treated as the high point of the sale, never rushed at closing time",
            "Product specialists at every dealer",
            "Handovers booked, not squeezed between sales",
            "",
        )
        .kpis(&["Handover satisfaction", "NPS at 30 days"])
        .evidence(Evidence::Research)
        .add();
    let app_setup = d
        .touchpoint("Collect", "I connect the owner app to my car")
        .via("Owner app")
        .owner("Connected services")
        .action("Signs in, scans the code in the car, sets a charging schedule")
        .expects("Paired in a minute, with my charging set for cheap hours")
        .scores(3, 3)
        .feels(0)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Pairing works with any email address the customer chooses")
        .criteria([3, 3, 3, 3])
        .pains(&["Pairing fails if the app email differs from the one on the order"])
        .kpis(&["Cars paired within a week of handover"])
        .evidence(Evidence::Data)
        .add();
    let welcome_call = d
        .touchpoint("Own", "I get a call a month after collecting")
        .via("Phone")
        .owner("Customer relations")
        .action("Talks through anything odd, asks a question about the app")
        .expects("A genuine check-in, not a sales call")
        .scores(3, 2)
        .feels(1)
        .experience(Tight)
        .behaviour(Loose)
        .standard("Every new owner is called between four and six weeks after handover")
        .latitude("The caller may book a workshop visit for anything the owner mentions")
        .criteria([3, 3, 3, 3])
        .evidence(Evidence::Assumption)
        .add();
    let book_service = d
        .touchpoint("Own", "I book a service in the app")
        .via("Owner app")
        .owner("Aftersales")
        .action("Gets a reminder, picks a date and collection or a courtesy car")
        .expects("A fixed price and a slot that suits me, no phone call")
        .scores(4, 4)
        .feels(1)
        .promise("Owning it without it eating my weekends")
        .experience(Tight)
        .behaviour(Loose)
        .standard("Fixed-price services bookable in the app at any Norden workshop")
        .criteria([4, 4, 3, 4])
        .kpis(&["Services booked in the app"])
        .evidence(Evidence::Data)
        .add();
    let service = d
        .touchpoint("Own", "The dealer's workshop services my car")
        .via("Dealer workshop")
        .owner("Aftersales")
        .delivered_by("Westgate Norden")
        .action("Hands over the car, gets a video of any work recommended")
        .expects("Back the same day, with only the work I agreed to")
        .scores(3, 4)
        .feels(0)
        .experience(Tight)
        .behaviour(Loose)
        .standard("No extra work without the owner's say-so; the car back by the agreed time")
        .latitude("Technicians may fix small faults under half an hour without charging")
        .criteria([3, 3, 3, 4])
        .pains(&["Recommended work explained only in jargon"])
        .opportunities(&["Video of the technician showing the part, sent to the app"])
        .kpis(&["Fixed right first time", "Workshop satisfaction"])
        .evidence(Evidence::Research)
        .add();
    let renewal = d
        .touchpoint("Own", "I'm offered a new car as my finance ends")
        .via("Email")
        .owner("Retail network")
        .delivered_by("Keystone Motor Finance")
        .personas(&["Returning Norden owner", "Buyer on a monthly budget"])
        .action("Reads the options: hand back, pay off, or change to a new car")
        .expects("Clear options, and credit for being a loyal customer")
        .scores(2, 4)
        .feels(0)
        .ends_journey()
        .experience(Loose)
        .behaviour(Loose)
        .criteria([2, 2, 2, 3])
        .pains(&["The letter lists payoff figures but no next step"])
        .opportunities(&["Dealer and lender jointly offer a tailored replacement quote"])
        .kpis(&["Owners who buy another Norden"])
        .evidence(Evidence::Assumption)
        .add();

    d.link(configure, book_drive, Next, true, "Saved build attached");
    d.link(
        configure,
        chat,
        Alternative,
        true,
        "Questions about charging",
    );
    d.link(chat, book_drive, Next, true, "Adviser books the drive");
    d.link(
        book_drive,
        showroom_drive,
        Next,
        false,
        "Dealer re-asks the details",
    );
    d.link(
        book_drive,
        home_drive,
        Alternative,
        false,
        "Home test drive requested",
    );
    d.link(showroom_drive, trade_in, Next, true, "");
    d.link(home_drive, trade_in, Next, true, "");
    d.link(trade_in, finance, Next, true, "");
    d.link(finance, order, Next, true, "Approved at the desk");
    d.link(finance, referred, Recovery, false, "Application referred");
    d.link(referred, order, Next, false, "Approved days later");
    d.link(order, tracking, Next, true, "");
    d.link(tracking, handover, Next, true, "");
    d.link(tracking, delay, Recovery, true, "Build delayed");
    d.link(delay, handover, Next, true, "New date agreed");
    d.link(handover, app_setup, Next, true, "");
    d.link(app_setup, welcome_call, Next, true, "");
    d.link(welcome_call, book_service, Next, true, "");
    d.link(book_service, service, Next, true, "");
    d.link(service, book_service, Return, true, "Next year's service");
    d.link(service, renewal, Next, true, "Three years on");
    // Back to the test drive rather than the configurator, which stays the way in for
    // first-time buyers; an owner replacing a Norden usually knows what they want.
    d.link(renewal, book_drive, Return, true, "Tries the new model");
    d.j
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn blank_journey_has_customer_stages_and_no_touchpoints() {
        let j = blank(1);
        let names: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"Discover"));
        assert_eq!(names.last(), Some(&"Renew & recommend"));
        assert!(j.touchpoints.is_empty());
        assert!(crate::format::validate(&j).is_empty());
    }

    #[test]
    fn two_blank_journeys_do_not_share_ids() {
        let (a, b) = (blank(1), blank(2));
        assert_ne!(a.stages[0].id, b.stages[0].id);
    }

    /// Every id in a journey, of every kind.
    fn ids(j: &Journey) -> Vec<u64> {
        let mut all = Vec::new();
        all.extend(j.personas.iter().map(|e| e.id.0));
        all.extend(j.stages.iter().map(|e| e.id.0));
        all.extend(j.channels.iter().map(|e| e.id.0));
        all.extend(j.lanes.iter().map(|e| e.id.0));
        all.extend(j.partners.iter().map(|e| e.id.0));
        all.extend(j.departments.iter().map(|e| e.id.0));
        all.extend(j.touchpoints.iter().map(|e| e.id.0));
        all.extend(j.transitions.iter().map(|e| e.id.0));
        all
    }

    fn each(check: impl Fn(&Template, &Journey)) {
        for t in all() {
            for seed in [0, 1, 0xdead_beef, u64::MAX] {
                check(&t, &(t.build)(seed));
            }
        }
    }

    #[test]
    fn three_templates_from_different_industries_with_distinct_keys() {
        let templates = all();
        assert_eq!(templates.len(), 3);
        let keys: HashSet<_> = templates.iter().map(|t| t.key).collect();
        let industries: HashSet<_> = templates.iter().map(|t| t.industry).collect();
        assert_eq!(keys.len(), 3);
        assert_eq!(industries.len(), 3);
        for t in &templates {
            assert!(!t.name.is_empty() && !t.summary.is_empty(), "{}", t.key);
        }
    }

    #[test]
    fn every_template_passes_validation() {
        each(|t, j| {
            let problems = crate::format::validate(j);
            assert!(problems.is_empty(), "{}: {problems:?}", t.key);
        });
    }

    #[test]
    fn every_template_survives_save_and_load() {
        each(|t, j| {
            let back = crate::format::load(&crate::format::save(j));
            assert_eq!(back.as_ref().ok(), Some(j), "{}", t.key);
        });
    }

    #[test]
    fn every_template_is_journey_sized_with_no_empty_stage() {
        each(|t, j| {
            assert!((12..=18).contains(&j.touchpoints.len()), "{}", t.key);
            assert!((5..=7).contains(&j.stages.len()), "{}", t.key);
            for s in &j.stages {
                assert!(j.touchpoints_in(s.id).count() > 0, "{}: {}", t.key, s.name);
            }
        });
    }

    #[test]
    fn every_template_has_a_partner_delivering_touchpoints() {
        each(|t, j| {
            let by_partner: Vec<_> = j
                .touchpoints
                .iter()
                .filter_map(|tp| match tp.delivered_by {
                    DeliveredBy::Partner(p) => Some(p),
                    DeliveredBy::Brand => None,
                })
                .collect();
            assert!(!by_partner.is_empty(), "{}", t.key);
            // Every partner the template lists actually delivers something.
            for p in &j.partners {
                assert!(by_partner.contains(&p.id), "{}: {} idle", t.key, p.name);
            }
        });
    }

    #[test]
    fn every_template_branches_recovers_and_loops_back() {
        each(|t, j| {
            let kinds: HashSet<_> = j.transitions.iter().map(|tr| tr.kind).collect();
            for kind in [
                TransitionKind::Next,
                TransitionKind::Alternative,
                TransitionKind::Recovery,
                TransitionKind::Return,
            ] {
                assert!(kinds.contains(&kind), "{}: no {kind:?}", t.key);
            }
            let branches = j
                .touchpoints
                .iter()
                .any(|tp| j.transitions.iter().filter(|tr| tr.from == tp.id).count() >= 2);
            assert!(branches, "{}: no touchpoint leads two ways", t.key);
            assert!(
                j.transitions.iter().any(|tr| !tr.carries_context),
                "{}: some hand-off should drop context, as real journeys do",
                t.key
            );
        });
    }

    #[test]
    fn every_template_flows_forward_except_return_visits() {
        each(|t, j| {
            for tp in &j.touchpoints {
                let out = j.transitions.iter().filter(|tr| tr.from == tp.id).count();
                let inward = j.transitions.iter().filter(|tr| tr.to == tp.id).count();
                assert!(out + inward > 0, "{}: {} is isolated", t.key, tp.name);
                assert!(
                    out > 0 || tp.journey_end,
                    "{}: {} is a dead end not marked as the journey's end",
                    t.key,
                    tp.name
                );
            }
            let stage_of = |id| {
                let tp = j.touchpoint(id).expect("transition ends exist");
                j.stage_index(tp.stage).expect("stage exists")
            };
            for tr in &j.transitions {
                if stage_of(tr.to) < stage_of(tr.from) {
                    assert_eq!(tr.kind, TransitionKind::Return, "{}: {tr:?}", t.key);
                }
            }
        });
    }

    #[test]
    fn every_template_is_reachable_from_where_customers_start() {
        each(|t, j| {
            let entries: Vec<_> = j
                .touchpoints
                .iter()
                .filter(|tp| {
                    !j.transitions
                        .iter()
                        .any(|tr| tr.to == tp.id && tr.from != tp.id)
                })
                .map(|tp| tp.id)
                .collect();
            assert!(!entries.is_empty(), "{}: no way in", t.key);
            let mut reached: HashSet<_> = entries.iter().copied().collect();
            let mut todo = entries;
            while let Some(at) = todo.pop() {
                for tr in j.transitions.iter().filter(|tr| tr.from == at) {
                    if reached.insert(tr.to) {
                        todo.push(tr.to);
                    }
                }
            }
            for tp in &j.touchpoints {
                assert!(
                    reached.contains(&tp.id),
                    "{}: cannot reach {}",
                    t.key,
                    tp.name
                );
            }
        });
    }

    #[test]
    fn every_template_carries_a_promise_and_people() {
        each(|t, j| {
            assert!(!j.title.is_empty() && !j.scope.is_empty(), "{}", t.key);
            assert!(!j.promise.statement.is_empty(), "{}", t.key);
            assert!(j.promise.proof_points.len() >= 2, "{}", t.key);
            assert!(j.promise.customer_values.len() >= 2, "{}", t.key);
            assert!(j.personas.len() >= 2, "{}", t.key);
            let channels: HashSet<_> = j.touchpoints.iter().filter_map(|tp| tp.channel).collect();
            assert!(
                channels.len() >= 5,
                "{}: {} channels",
                t.key,
                channels.len()
            );
            let owners: HashSet<_> = j.touchpoints.iter().filter_map(|tp| tp.owner).collect();
            assert!(owners.len() >= 4, "{}: {} owners", t.key, owners.len());
        });
    }

    #[test]
    fn every_template_has_the_notes_a_designer_would_write() {
        each(|t, j| {
            let tps = &j.touchpoints;
            let some = |what: &str, f: &dyn Fn(&Touchpoint) -> bool| {
                assert!(tps.iter().any(f), "{}: no touchpoint with {what}", t.key)
            };
            some("an expectation", &|tp| !tp.expectation.is_empty());
            some("a promise note", &|tp| !tp.promise_note.is_empty());
            some("a proof point", &|tp| !tp.proof_point.is_empty());
            some("a differentiation note", &|tp| {
                !tp.parity && !tp.differentiation_note.is_empty()
            });
            some("parity", &|tp| tp.parity);
            some("a standard", &|tp| !tp.standard_note.is_empty());
            some("latitude", &|tp| !tp.latitude_note.is_empty());
            some("ratings", &|tp| {
                tp.performance.is_some() && tp.importance.is_some()
            });
            some("criteria", &|tp| tp.criteria.valuable.is_some());
            some("support", &|tp| !tp.support.is_empty());
            some("a pain point", &|tp| !tp.pain_points.is_empty());
            some("an opportunity", &|tp| !tp.opportunities.is_empty());
            some("a KPI", &|tp| !tp.kpis.is_empty());
            some("a moment of truth", &|tp| tp.moment_of_truth);
            some("evidence", &|tp| tp.evidence.is_some());
            some("a persona", &|tp| !tp.personas.is_empty());
            // The loose/tight export has something to say: the target quadrant and at least
            // one touchpoint in the wrong one.
            let quadrants: HashSet<_> = tps.iter().filter_map(|tp| tp.quadrant()).collect();
            assert!(quadrants.contains(&Quadrant::BrandedFreedom), "{}", t.key);
            assert!(quadrants.contains(&Quadrant::Reversed), "{}", t.key);
        });
    }

    #[test]
    fn what_the_customer_sees_is_named_in_their_words() {
        each(|t, j| {
            for tp in &j.touchpoints {
                let visible = tp
                    .lane
                    .and_then(|l| j.lane(l))
                    .is_some_and(|l| l.kind.visible_to_customer());
                if visible {
                    let first_person = tp
                        .name
                        .split_whitespace()
                        .any(|w| matches!(w, "I" | "I'm" | "me" | "my" | "My"));
                    assert!(first_person, "{}: {:?}", t.key, tp.name);
                }
            }
        });
    }

    #[test]
    fn each_use_of_a_template_gets_fresh_ids() {
        for t in all() {
            let a = (t.build)(1);
            let b = (t.build)(2);
            let a_ids: HashSet<_> = ids(&a).into_iter().collect();
            assert_eq!(a_ids.len(), ids(&a).len(), "{}: ids repeat", t.key);
            assert!(
                ids(&b).iter().all(|id| !a_ids.contains(id)),
                "{}: two uses share an id",
                t.key
            );
            // Only the ids differ: same seed, same journey.
            assert_eq!((t.build)(1), a, "{}", t.key);
            assert_eq!(a.touchpoints.len(), b.touchpoints.len());
            assert_eq!(a.touchpoints[0].name, b.touchpoints[0].name);
        }
    }
}
