namespace AiNewsDashboard.Demo;

/// <summary>A fictional news outlet. Weight sets its share of coverage (long tail); Lag scales how long it takes to pick up a story.</summary>
/// <param name="Beat">Topic the outlet specialises in (-1 for none): it joins stories on that topic far more often.</param>
/// <param name="IsWire">Wire/press-release distributors mostly publish press releases and report very early.</param>
/// <param name="HasAmp">Outlets with AMP pages; their articles carry ampWebUrl/cdnAmpWebUrl when cited as related.</param>
internal sealed record DemoProvider(
    string Name, string Domain, double Weight, double QualityMean, double QualitySpread,
    double Lag, int Beat, bool IsWire, bool HasAmp);

/// <summary>A topic with the nouns its stories use and the kinds of events it tends to produce.</summary>
/// <param name="EventWeights">One digit per <see cref="DemoVocabulary.Events"/> entry: relative weight of that event kind.</param>
/// <param name="Neighbours">Topics that often appear together with this one.</param>
internal sealed record DemoTopic(
    string Name, string Thing, string Things, string Field, double BaseWeight, string EventWeights, int[] Neighbours);

/// <summary>One kind of event (launch, funding round, ...) with title and excerpt templates for straight news coverage.</summary>
/// <remarks>Excerpt sentences starting with '+' only make sense after another sentence, so they never open an excerpt.</remarks>
internal sealed record DemoEvent(string Kind, string[] Titles, string[] Excerpts);

/// <summary>
/// Word lists and templates for the demo corpus. Everything here is invented: companies, people, regulators, outlets
/// (all outlets live on the reserved <c>.example</c> TLD) so nobody mistakes demo data for real reporting.
/// </summary>
/// <remarks>
/// Templates use <c>{X}</c> placeholders filled per story (see DemoStoryBuilder.FillSlots). Lowercase <c>{c}</c>/<c>{d}</c>
/// are the possessive forms of the two companies, <c>{a}</c> is the topic's thing with "a"/"an", <c>{f}</c>/<c>{l}</c> are
/// the field and plural thing in Title Case (for press releases). Some titles deliberately contain double quotes, colons and backslashes so the
/// YAML writer's escaping is exercised by every demo import.
/// </remarks>
internal static class DemoVocabulary
{
    public const int Topic_AI = 0;

    public static readonly DemoProvider[] Providers =
    [
        new("Daily Ledger", "dailyledger.example", 100, 62, 10, 1.0, -1, false, true),
        new("Tech Current", "techcurrent.example", 70, 70, 8, 0.5, -1, false, false),
        new("Signal Wire", "signalwire.example", 55, 45, 8, 0.3, -1, true, false),
        new("Neural Times", "neuraltimes.example", 42, 74, 7, 0.8, 2, false, false),
        new("Byte Bulletin", "bytebulletin.example", 34, 52, 14, 0.6, -1, false, true),
        new("The Circuit Review", "circuitreview.example", 28, 80, 6, 1.6, -1, false, false),
        new("Data Dispatch", "datadispatch.example", 24, 58, 12, 0.9, 15, false, true),
        new("Silicon Courier", "siliconcourier.example", 20, 66, 9, 0.7, 10, false, false),
        new("Market Pulse", "marketpulse.example", 18, 55, 11, 0.6, 23, false, false),
        new("Compute Weekly", "computeweekly.example", 16, 71, 8, 1.8, 14, false, false),
        new("Newsroom Direct", "newsroomdirect.example", 14, 38, 10, 0.35, -1, true, false),
        new("Cloud Chronicle", "cloudchronicle.example", 12, 60, 10, 1.1, 14, false, true),
        new("Robo Report", "roboreport.example", 11, 57, 12, 1.0, 5, false, false),
        new("The Algorithm Post", "algorithmpost.example", 10, 68, 9, 1.2, 1, false, false),
        new("Future Stack", "futurestack.example", 9, 50, 15, 0.9, -1, false, false),
        new("Global Tech Observer", "globaltechobserver.example", 8, 63, 10, 1.3, -1, false, true),
        new("Startup Radar", "startupradar.example", 7, 48, 13, 0.7, 23, false, false),
        new("Inference Daily", "inferencedaily.example", 6.5, 72, 8, 0.9, 7, false, false),
        new("PR Channel", "prchannel.example", 6, 35, 9, 0.4, -1, true, false),
        new("Vector Gazette", "vectorgazette.example", 5.5, 64, 9, 1.1, 3, false, false),
        new("Metro Business Journal", "metrobusinessjournal.example", 5, 58, 10, 1.4, 24, false, true),
        new("Capital Tech Review", "capitaltechreview.example", 4.5, 69, 8, 1.5, 25, false, false),
        new("Open Source Weekly", "opensourceweekly.example", 4, 61, 11, 1.2, 22, false, false),
        new("Clinical AI News", "clinicalainews.example", 3.6, 66, 9, 1.3, 12, false, false),
        new("Autonomy Today", "autonomytoday.example", 3.2, 59, 11, 1.0, 11, false, false),
        new("Chip Insider", "chipinsider.example", 3, 73, 7, 0.8, 10, false, false),
        new("Policy Brief Online", "policybrief.example", 2.7, 70, 8, 1.6, 8, false, false),
        new("Research Digest", "researchdigest.example", 2.4, 76, 6, 2.0, 21, false, false),
        new("Coastal Herald", "coastalherald.example", 2.2, 54, 12, 1.2, 27, false, true),
        new("Northern Gazette", "northerngazette.example", 2, 52, 13, 1.3, -1, false, false),
        new("Gadget Grid", "gadgetgrid.example", 1.8, 44, 15, 0.8, 18, false, false),
        new("Enterprise Insight", "enterpriseinsight.example", 1.6, 62, 10, 1.4, 24, false, false),
        new("The Weekly Byte", "weeklybyte.example", 1.4, 49, 14, 2.2, -1, false, false),
        new("Quantum Ledger", "quantumledger.example", 1.2, 65, 10, 1.5, 20, false, false),
        new("Deep Dive Journal", "deepdivejournal.example", 1, 78, 5, 2.4, 9, false, false),
        new("Bits and Bots", "bitsandbots.example", 0.9, 41, 16, 1.0, 26, false, false),
        new("Regional Tech Beat", "regionaltechbeat.example", 0.8, 47, 14, 1.7, 27, false, false),
        new("Campus AI Review", "campusaireview.example", 0.7, 60, 12, 1.9, 28, false, false),
        new("Evening Post Tech", "eveningposttech.example", 0.6, 51, 13, 1.6, 29, false, false),
        new("Sandbox Blog", "sandboxblog.example", 0.5, 33, 18, 1.1, 16, false, false),
    ];

    // Event kinds, in the order of DemoTopic.EventWeights digits:
    // 0 launch, 1 funding, 2 acquisition, 3 research, 4 regulation, 5 partnership, 6 lawsuit,
    // 7 benchmark, 8 security, 9 people, 10 layoffs, 11 open source, 12 deployment.
    public static readonly DemoTopic[] Topics =
    [
        new("AI", "AI system", "AI systems", "artificial intelligence", 0, "3322322222212", [1, 7, 6]),
        new("Machine Learning", "machine learning model", "machine learning models", "machine learning", 6, "4325221311232", [2, 15, 21]),
        new("Deep Learning", "neural network", "neural networks", "deep learning", 4, "3214101401131", [1, 4, 21]),
        new("Natural Language Processing", "language model", "language models", "natural language processing", 5, "5324121411231", [7, 6, 17]),
        new("Computer Vision", "vision system", "vision systems", "computer vision", 5, "4324221311123", [2, 11, 5]),
        new("Robotics", "robot", "robots", "robotics", 5, "5433140101214", [4, 16, 26]),
        new("Generative AI", "generative model", "generative models", "generative AI", 3, "6423233422231", [7, 3, 22]),
        new("Large Language Models", "large language model", "large language models", "large language models", 2, "6313122532132", [3, 6, 13]),
        new("AI Regulation", "AI system", "AI systems", "AI governance", 2.5, "0000901010000", [9, 13, 6]),
        new("AI Ethics", "AI system", "AI systems", "responsible AI", 2, "1002424000100", [8, 13, 9]),
        new("Chips", "AI chip", "AI chips", "chip design", 4, "6432050410201", [18, 14, 20]),
        new("Autonomous Vehicles", "self-driving system", "self-driving cars", "autonomous driving", 4, "4322241012214", [4, 5, 27]),
        new("Healthcare AI", "diagnostic model", "diagnostic tools", "medical AI", 4, "4333231100103", [4, 1, 9]),
        new("AI Safety", "AI model", "AI models", "AI safety", 2, "1003403030100", [8, 7, 9]),
        new("Cloud Computing", "cloud AI platform", "cloud AI platforms", "cloud computing", 4, "5422050020202", [10, 24, 1]),
        new("Data Science", "analytics platform", "analytics platforms", "data science", 3, "3322030011121", [1, 24, 29]),
        new("Reinforcement Learning", "learning agent", "learning agents", "reinforcement learning", 2, "2104000300110", [5, 21, 2]),
        new("Speech Recognition", "speech model", "speech models", "speech recognition", 3, "4213121211121", [3, 18, 1]),
        new("Edge AI", "on-device model", "on-device models", "edge AI", 2, "5322030200112", [10, 4, 17]),
        new("Cybersecurity", "threat detection system", "threat detection systems", "cybersecurity", 3, "3321022070111", [7, 6, 19]),
        new("Quantum Computing", "quantum processor", "quantum processors", "quantum computing", 2, "4314030200101", [10, 21, 14]),
        new("AI Research", "foundation model", "foundation models", "AI research", 3, "2104000400120", [2, 7, 16]),
        new("Open Source", "open model", "open models", "open-source AI", 2, "2201000300040", [7, 6, 1]),
        new("Startups", "AI product", "AI products", "AI startups", 3, "2830010001200", [6, 24, 25]),
        new("Enterprise AI", "workplace assistant", "workplace assistants", "enterprise AI", 4, "5323050101212", [14, 6, 15]),
        new("Fintech", "fraud detection model", "fraud detection models", "financial services AI", 3, "3322221101102", [15, 19, 24]),
        new("Drones", "autonomous drone", "autonomous drones", "drone autonomy", 2, "3212131000103", [5, 4, 11]),
        new("Smart Cities", "traffic management system", "traffic management systems", "smart city technology", 2, "2101132000005", [4, 11, 18]),
        new("Education Technology", "AI tutor", "AI tutors", "AI in education", 2, "3201221001103", [3, 6, 9]),
        new("Recommender Systems", "recommendation engine", "recommendation engines", "personalization", 2, "3212031101111", [1, 15, 25]),
    ];

    public static readonly DemoEvent[] Events =
    [
        new("launch",
        [
            "{C} unveils {P} {V}, a new {T} for businesses",
            "{C} launches {P} {V}: what you need to know",
            "{c} {P} {V} promises faster, cheaper {F}",
            "Hands-on with {P} {V}, {c} latest {T}",
            "{C} takes aim at rivals with {P} {V}",
            "{C} debuts {P} {V} as competition in {F} heats up",
            "{K} on {P} {V}: \"{Q}\"",
        ],
        [
            "{C} on {W} introduced {P} {V}, {a} it says is designed to make {F} faster and more affordable for {E}.",
            "The new {T} from {C} arrives as companies race to bring {F} into everyday products.",
            "{K}, chief executive of {C}, called the release \"{Q}\" and said {P} {V} would reach customers within weeks.",
            "+Early testers say {P} {V} is a clear step up from its predecessor, although pricing has not been announced.",
        ]),
        new("funding",
        [
            "{C} raises {A} to build {L}",
            "{F} startup {C} lands {A} in {O} funding",
            "Investors bet {A} on {c} approach to {F}",
            "{C} valued at {Z} after {O} round",
            "Exclusive: {C} in talks to raise {A} at {Z} valuation",
            "{C} closes {A} {O} led by {H}",
        ],
        [
            "{C}, which develops {L} for {E}, has raised {A} in a {O} round led by {H}.",
            "Investors led by {H} have put {A} into {C}, betting that its {L} can win over {E}.",
            "+The round values the {Y}-year-old company at {Z}, according to people familiar with the matter.",
            "+{K}, the company's co-founder, said the money would be used to hire researchers and expand into new markets.",
            "+The deal is one of the largest {F} financings this quarter, as investors look for the next breakout platform.",
        ]),
        new("acquisition",
        [
            "{C} to acquire {D} for {A}",
            "{C} buys {F} startup {D}",
            "{C} snaps up {D} in push into {F}",
            "Why {C} paid {A} for {D}",
            "{C}\u2013{D} deal: what it means for {F}",
            "{C} confirms acquisition of {D}, terms undisclosed",
        ],
        [
            "{C} has agreed to buy {D}, a developer of {L}, in a deal valued at {A}, the companies said on {W}.",
            "The acquisition gives {C} a team of researchers focused on {F} and a customer base among {E}.",
            "+{d} {Y} founders will join {C}, which plans to fold the technology into its {P} platform.",
            "+The deal still requires approval from {R}.",
        ]),
        new("research",
        [
            "{U} researchers unveil {T} that {X}",
            "New study: {L} {J}",
            "A new {T} from {U} {X}",
            "Paper: {F} breakthrough could cut compute costs by {M}",
            "Researchers at {U} and {C} release {F} dataset with {N} hours of data",
            "Is this the end of brute-force {F}? {U} team thinks so",
        ],
        [
            "A team at {U} has described {a} that {X}, according to a paper published this week.",
            "{U} scientists working with {C} say their {T} {X}, a result that could change how {L} are built.",
            "+The researchers say the approach could cut the cost of training {L} by as much as {M}, though independent replication is still pending.",
            "+\"{Q},\" said {K}, who led the project, adding that the code will be released to other labs.",
            "+The work builds on earlier results in {F} and was partly funded by {C}.",
        ]),
        new("regulation",
        [
            "{R} proposes new rules for {F}",
            "{R} opens inquiry into {c} {P}",
            "{G} lawmakers approve landmark {F} bill",
            "{R} fines {C} {A} over {I}",
            "What the new {G} AI rules mean for {F} startups",
            "Regulators to {C}: explain how {P} handles personal data",
            "{G} AI act: \"{Q}\", says minister",
        ],
        [
            "{R} on {W} published draft rules that would require companies deploying {L} to disclose how their systems are trained and tested.",
            "{G} officials moved on {W} to tighten oversight of {F}, targeting companies such as {C}.",
            "+The proposal, which could take effect within {Y} years, has drawn criticism from industry groups who say it would slow innovation in {F}.",
            "+Consumer advocates welcomed the move but said enforcement would depend on funding for {R}.",
            "+{C} said it was \"reviewing the details\" and would work with officials on implementation.",
        ]),
        new("partnership",
        [
            "{C} and {D} partner on {F}",
            "{C} teams up with {D} to bring {P} to {E}",
            "{C}, {D} sign multi-year {F} deal",
            "{D} to use {c} {P} across its products",
            "{C} and {D} join forces on {L}",
        ],
        [
            "{C} and {D} will work together on {L} for {E}, the companies said.",
            "+Under the agreement, {D} will integrate {c} {P} into its platform, giving {E} access to {L} without building their own.",
            "+Financial terms were not disclosed, but the partnership is expected to run for {Y} years.",
            "+The companies said the first joint products would ship next quarter.",
            "{C} and {D} announced the deal on {W}, saying customers had asked for {L} that work across both platforms.",
            "+Analysts see the tie-up as a response to growing competition in {F}.",
        ]),
        new("lawsuit",
        [
            "{C} sued over {I}",
            "{D} files lawsuit against {C}, alleging {I}",
            "Judge lets lawsuit over {I} against {C} proceed",
            "{C} settles {I} claims for {A}",
            "Class action targets {c} {P} over {I}",
        ],
        [
            "The complaint, filed in federal court on {W}, centres on {I} and seeks unspecified damages.",
            "{C} faces a lawsuit over {I}, according to court papers filed this week.",
            "+{C} said it would \"vigorously defend\" itself against the claims.",
            "+Legal experts say the case could set a precedent for how courts treat {L}.",
            "+Lawyers for the plaintiffs said the problem affected {N} thousand users of {P}.",
            "+It is the latest in a string of legal challenges over {F} brought this year.",
        ]),
        new("benchmark",
        [
            "{P} {V} tops {B} leaderboard",
            "{c} {P} {V} beats rivals on {B}, with caveats",
            "Benchmarks: {P} {V} vs. the competition",
            "{B} results: {C} claims {M} gain for {F}",
        ],
        [
            "{C} says {P} {V} scored {M} higher than the previous version on the {B} suite, a widely cited test for {L}.",
            "+Independent testers cautioned that benchmark results do not always reflect real-world performance.",
            "+The results put {C} ahead of {D} for the first time on the closely watched leaderboard.",
            "On {W}, {C} published scores showing {P} {V} ahead of rival {L} on most tasks in {B}.",
            "+{B} has become a yardstick for {F}, though its authors warn against reading too much into small differences.",
        ]),
        new("security",
        [
            "Researchers find prompt-injection flaw in {c} {P}",
            "{P} {V} can be tricked with the string \"\\n\\n###\", researchers warn",
            "{C} patches {P} bug that exposed user prompts",
            "Attackers abuse {L} to write phishing emails, {C} warns",
            "Security: how {I} puts {F} at risk",
            "Path traversal bug (\"..\\..\\config\") hits {c} {P} agent",
        ],
        [
            "Security researchers at {D} said the weakness lets attackers bypass safeguards in {P} by hiding instructions in ordinary-looking text.",
            "+{C} said it had fixed the issue and found no evidence it was exploited.",
            "+The finding adds to growing concern about the security of {L} deployed by {E}.",
            "{C} confirmed on {W} that a flaw in {P} {V} could expose data, and urged customers to update.",
            "+Experts say attacks of this kind will grow as {L} get access to email, files and payments.",
        ]),
        new("people",
        [
            "{C} names {K} chief AI officer",
            "{K} leaves {C} to start {F} company",
            "{C} hires former {D} executive {K} to lead {F}",
            "Q&A: {K} of {C} on the future of {F}",
        ],
        [
            "{K}, who previously led {F} work at {D}, will report directly to {c} chief executive.",
            "+The appointment comes as {C} reorganizes its teams around {L}.",
            "+\"{Q},\" {K} said in an interview.",
            "{C} on {W} said {K} would lead its work on {F}, a sign of the company's ambitions in {L}.",
            "+The move is the latest in a wave of senior hires as companies compete for talent in {F}.",
        ]),
        new("layoffs",
        [
            "{C} cuts {N} jobs as it doubles down on {F}",
            "{C} restructures, shifts staff to {L}",
            "{C} to lay off {M} of workforce amid {F} pivot",
        ],
        [
            "{C} will cut about {N} positions, it said in a memo to staff, redirecting resources toward {L}.",
            "+The company said teams working on {P} would not be affected.",
            "{C} confirmed the job cuts on {W}, saying it needed to move faster in {F}.",
            "+The cuts come {Y} months after {C} raised {A} from investors.",
        ]),
        new("open source",
        [
            "{C} open-sources {P} {V}",
            "{C} releases {P} weights under permissive license",
            "{P} {V} is now open source: here's what developers get",
            "Developers flock to {c} open {T}, {P}",
        ],
        [
            "{C} has published the code and model weights for {P} {V}, allowing developers to run the {T} on their own hardware.",
            "+The release was downloaded {N} thousand times in its first day, according to the company.",
            "+Critics warn that openly available {L} are harder to police.",
            "{C} on {W} made {P} {V} freely available, saying open {L} would speed up progress in {F}.",
            "+Researchers welcomed the release, which comes with documentation of how the {T} was trained.",
        ]),
        new("deployment",
        [
            "{S} rolls out {c} {T} across city services",
            "{S} pilots {P} from {C} for {F}",
            "Inside {S}'s experiment with {L}",
            "{E} in {S} turn to {C} for {F}",
        ],
        [
            "Officials in {S} said the pilot, run with {C}, will test {L} in {N} locations over the next year.",
            "+The project is one of the largest public deployments of {F} so far.",
            "+Residents will be able to opt out, the city said.",
            "{S} on {W} became the latest city to adopt {L}, signing a {Y}-year contract with {C}.",
            "+Local officials expect the {T} to save {M} on operating costs.",
        ]),
    ];

    public static readonly string[] OpinionTitles =
    [
        "Opinion: {c} {P} shows why {F} needs guardrails",
        "Why the hype around {L} is getting ahead of reality",
        "Opinion: stop calling {L} \"intelligent\"",
        "The {F} bubble: are we there yet?",
        "What {C} gets wrong about {F}",
        "Opinion: {F} won't fix itself",
        "I tried {P} {V} for a week. Here's my verdict",
    ];

    public static readonly string[] AnalysisTitles =
    [
        "Analysis: what {c} move means for {F}",
        "Analysis: the economics of {L}",
        "Inside the race to dominate {F}",
        "Five takeaways from the {C} news",
        "Explainer: how {L} actually work",
        "The winners and losers of {c} latest bet on {F}",
    ];

    public static readonly string[] CommentExcerpts =
    [
        "{c} latest move is a reminder that progress in {F} depends as much on trust as on technology.",
        "As {L} spread among {E}, the questions that matter most are no longer technical.",
        "Behind the headlines about {C} lies a simpler story: {F} is getting cheaper, and that changes who can compete.",
        "We looked at the numbers behind {c} announcement and what they mean for {E}.",
    ];

    public static readonly string[] PressTitles =
    [
        "{C} Announces {P} {V} to Accelerate {f} Adoption",
        "{C} Reports Record Demand for {P} Platform",
        "{C} Selected by {D} to Power Next-Generation {l}",
        "{C} Expands {P} Availability to {E} Worldwide",
        "{C} Joins {H} Initiative for Responsible {f}",
    ];

    public static readonly string[] PressExcerpts =
    [
        "{C}, a leader in {F}, today announced {P} {V}, enabling {E} to deploy {L} at scale.",
        "{C} today announced a new milestone for its {P} platform, now used by more than {N} organizations.",
        "+\"{Q},\" said {K}, CEO of {C}. \"Our customers asked for {L} they can trust, and we delivered.\"",
    ];

    public static readonly string[] Companies =
    [
        "Northwind Labs", "Contoso AI", "Fabrikam Robotics", "Tailspin Systems", "Woodgrove Compute", "Litware Intelligence",
        "Proseware", "Wingtip Silicon", "Lumen Forge", "Quillstone", "Bluefin Neural", "Cobalt Stack", "Meridian Dynamics",
        "Halcyon Robotics", "Vantage Silicon", "Orchard Intelligence", "Sparrow Labs", "Ironbark Systems", "Nimbus Mind",
        "Tessellate AI", "Polaris Cognition", "Greyfield Analytics", "Kestrel Motors", "Arbor Health AI", "Brightline Vision",
        "Copperleaf Data", "Driftwood AI", "Emberlight", "Foxglove Semiconductors", "Glasswing Labs", "Harborview Cloud",
        "Juniper Cortex",
    ];

    public static readonly string[] Products =
    [
        "Aurora", "Atlas", "Helix", "Quill", "Nova", "Prism", "Tempo", "Sable", "Vega", "Orca", "Lattice", "Cirrus",
        "Beacon", "Ember", "Fathom", "Granite", "Kite", "Mosaic", "Osprey", "Pioneer", "Ridge", "Summit", "Tidal", "Zephyr",
    ];

    public static readonly string[] Versions = ["2", "3", "4", "5", "1.5", "2.5", "3.1", "X", "Pro", "Mini", "Ultra", "Turbo"];

    public static readonly string[] People =
    [
        "Dana Whitfield", "Priya Raman", "Marcus Okafor", "Lena Hoffmann", "Tom\u00e1s Alvarez", "Mei Lin Zhou", "Samuel Greer",
        "Aisha Karimi", "Jonas Berg", "Claire Dubois", "Ravi Menon", "Hannah Osei", "Kenji Watanabe", "Olivia Marsh",
        "Diego Ferreira", "Nadia Petrova",
    ];

    public static readonly string[] Quotes =
    [
        "We are only getting started", "This changes how people work", "Safety is not optional", "The hard part is trust",
        "It's the biggest leap we've made", "We built this for developers first", "Nobody has solved this yet",
        "This is a marathon, not a sprint", "Good enough is no longer good enough",
    ];

    public static readonly string[] Regulators =
    [
        "the Federal Technology Commission", "the European Digital Authority", "the UK Data Standards Office",
        "the National AI Safety Board", "the Consumer Data Council", "the Pacific Trade Regulator",
        "the Office of Algorithmic Accountability",
    ];

    public static readonly string[] Nationalities =
    [
        "EU", "US", "UK", "Canadian", "Japanese", "Indian", "Brazilian", "Australian", "South Korean", "German", "French",
    ];

    public static readonly string[] Universities =
    [
        "Westbridge University", "Lakeshore Institute of Technology", "Northgate University", "Eastmoor University",
        "Redwood Polytechnic", "Kingsford College", "Summit State University", "the Halden Institute",
    ];

    public static readonly string[] Cities = ["Riverton", "Port Ellis", "New Harmon", "Eastvale", "Brookhaven", "Marlow City", "Sunport", "Greyhaven"];

    public static readonly string[] Investors =
    [
        "Granite Peak Ventures", "Bluewater Capital", "Foundry Partners", "Northstar Growth", "Lighthouse Fund", "Atlas Crossing Capital",
    ];

    public static readonly string[] Sectors =
    [
        "retailers", "hospitals", "banks", "manufacturers", "logistics companies", "insurers", "law firms", "schools",
        "telecom operators", "game studios",
    ];

    public static readonly string[] Benchmarks = ["ReasonBench", "VisionArena", "CodeTrial", "SpeechScore", "RoboGym", "LongContext-500", "MathLadder", "AgentTrack"];

    /// <summary>Deal sizes in millions of dollars; rendered as "$40 million" / "$1.2 billion".</summary>
    public static readonly int[] AmountsInMillions = [4, 12, 25, 40, 65, 100, 150, 240, 500, 1200, 2000];

    /// <summary>Company valuations in millions; a story's valuation is always several times its round.</summary>
    public static readonly int[] ValuationsInMillions = [300, 1000, 1800, 4500, 12000, 30000];

    public static readonly string[] Rounds = ["seed", "Series A", "Series B", "Series C", "Series D", "growth"];

    public static readonly string[] Issues =
    [
        "use of copyrighted training data", "biased hiring algorithms", "misleading chatbot marketing",
        "unauthorized use of voice recordings", "privacy violations in camera software", "patent infringement on chip designs",
        "undisclosed data sharing",
    ];

    /// <summary>Research claims as (singular, plural) verb phrases: "a model that {X}", "models {J}".</summary>
    public static readonly (string Singular, string Plural)[] Claims =
    [
        ("beats human experts on key tests", "beat human experts on key tests"),
        ("runs entirely on a smartphone", "run entirely on a smartphone"),
        ("needs 90% less training data", "need 90% less training data"),
        ("learns new tasks from a few examples", "learn new tasks from a few examples"),
        ("explains its own decisions", "explain their own decisions"),
        ("spots errors in its own answers", "spot errors in their own answers"),
        ("works in 40 languages", "work in 40 languages"),
    ];

    public static readonly string[] Numbers = ["15", "60", "120", "350", "800", "1,200", "2,500", "4,000"];
    public static readonly string[] Percents = ["12%", "20%", "30%", "45%", "60%", "8%"];
    public static readonly string[] SmallNumbers = ["two", "three", "four", "five", "six"];

    public static readonly string[] WeekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static readonly (int Width, int Height)[] ImageSizes =
    [
        (1200, 675), (1024, 576), (2000, 1333), (800, 450), (700, 450), (405, 228), (1600, 900), (640, 360),
    ];

    public static readonly string[] ImageExtensions = [".jpg", ".jpg", ".jpg", ".png", ".webp"];
}
