/** A company of the sample world. */
export interface SampleCompany {
  readonly name: string;
  /** The website as the CRM holds it (spellings vary on purpose). */
  readonly website: string;
  /** The email domain of its people. */
  readonly emailDomain: string;
  readonly industry: "Software" | "Financial Services" | "Healthcare" | "Manufacturing";
  readonly country: string;
}

/** The thirty companies of the sample data. */
export const SAMPLE_COMPANIES: readonly SampleCompany[] = [
  {
    name: "Acme Analytics",
    website: "https://www.acme-analytics.com/about",
    emailDomain: "acme-analytics.com",
    industry: "Software",
    country: "United States",
  },
  { name: "Brightwave Software", website: "brightwave.io", emailDomain: "brightwave.io", industry: "Software", country: "United States" },
  { name: "Cloudnine Systems", website: "WWW.CLOUDNINE.COM", emailDomain: "cloudnine.com", industry: "Software", country: "Canada" },
  { name: "Datapath Labs", website: "http://datapath-labs.com", emailDomain: "datapath-labs.com", industry: "Software", country: "United States" },
  { name: "Evergreen Apps", website: "www.evergreenapps.co.uk", emailDomain: "evergreenapps.co.uk", industry: "Software", country: "United Kingdom" },
  { name: "Fluxio", website: "https://fluxio.dev", emailDomain: "fluxio.dev", industry: "Software", country: "Germany" },
  { name: "Gridline Software", website: "gridline.com", emailDomain: "gridline.com", industry: "Software", country: "United States" },
  { name: "Helix Code", website: "https://helixcode.net/", emailDomain: "helixcode.net", industry: "Software", country: "Netherlands" },
  { name: "Pages Studio", website: "https://pagesstudio.github.io", emailDomain: "pagesstudio.github.io", industry: "Software", country: "United States" },
  { name: "Jetstream Data", website: "jetstreamdata.com", emailDomain: "jetstreamdata.com", industry: "Software", country: "Australia" },
  { name: "Keystone Bank", website: "https://www.keystonebank.com", emailDomain: "keystonebank.com", industry: "Financial Services", country: "United States" },
  { name: "Lumen Capital", website: "lumencapital.com", emailDomain: "lumencapital.com", industry: "Financial Services", country: "United Kingdom" },
  {
    name: "Meridian Insurance",
    website: "meridian-insurance.com",
    emailDomain: "meridian-insurance.com",
    industry: "Financial Services",
    country: "United States",
  },
  {
    name: "Northgate Financial",
    website: "www.northgatefinancial.com",
    emailDomain: "northgatefinancial.com",
    industry: "Financial Services",
    country: "Canada",
  },
  { name: "Oakridge Credit Union", website: "oakridgecu.org", emailDomain: "oakridgecu.org", industry: "Financial Services", country: "United States" },
  { name: "Pinnacle Wealth", website: "https://pinnaclewealth.ch", emailDomain: "pinnaclewealth.ch", industry: "Financial Services", country: "Switzerland" },
  { name: "Quantum Health", website: "quantumhealth.com", emailDomain: "quantumhealth.com", industry: "Healthcare", country: "United States" },
  { name: "Riverside Clinics", website: "www.riversideclinics.org", emailDomain: "riversideclinics.org", industry: "Healthcare", country: "United States" },
  { name: "Sunrise Medical", website: "https://sunrisemedical.com.au", emailDomain: "sunrisemedical.com.au", industry: "Healthcare", country: "Australia" },
  { name: "Trinity Care", website: "trinitycare.com", emailDomain: "trinitycare.com", industry: "Healthcare", country: "United States" },
  { name: "Unity Biotech", website: "unitybiotech.com", emailDomain: "unitybiotech.com", industry: "Healthcare", country: "United States" },
  { name: "Vital Diagnostics", website: "https://www.vitaldx.com", emailDomain: "vitaldx.com", industry: "Healthcare", country: "Ireland" },
  { name: "Northwind Health", website: "northwind-health.com", emailDomain: "northwind-health.com", industry: "Healthcare", country: "United States" },
  { name: "Xenon Motors", website: "xenonmotors.com", emailDomain: "xenonmotors.com", industry: "Manufacturing", country: "United States" },
  { name: "Yellowstone Steel", website: "www.yellowstonesteel.com", emailDomain: "yellowstonesteel.com", industry: "Manufacturing", country: "United States" },
  { name: "Zenith Robotics", website: "https://zenithrobotics.jp", emailDomain: "zenithrobotics.jp", industry: "Manufacturing", country: "Japan" },
  {
    name: "Müller Maschinenbau GmbH",
    website: "https://www.mueller-maschinenbau.de",
    emailDomain: "mueller-maschinenbau.de",
    industry: "Manufacturing",
    country: "Germany",
  },
  { name: "Nordic Paper AB", website: "nordicpaper.se", emailDomain: "nordicpaper.se", industry: "Manufacturing", country: "Sweden" },
  { name: "Atlas Tools, Inc.", website: "atlastools.com", emailDomain: "atlastools.com", industry: "Manufacturing", country: "United States" },
  { name: "Société Générale d'Usinage", website: "https://www.sgu-usinage.fr", emailDomain: "sgu-usinage.fr", industry: "Manufacturing", country: "France" },
];

/** First and last names for sample people (UTF-8 on purpose). */
export const FIRST_NAMES = [
  "Jane",
  "Omar",
  "Li",
  "Sofia",
  "Liam",
  "Aisha",
  "Mateo",
  "Chloé",
  "Noah",
  "Yuki",
  "Priya",
  "Lucas",
  "Zoë",
  "Ethan",
  "Fatima",
  "Jonas",
  "Mia",
  "Ravi",
  "Elena",
  "Björn",
  "Amara",
  "Diego",
  "Hannah",
  "Kenji",
  "Nora",
  "Samuel",
  "Ines",
  "Tomás",
  "Grace",
  "Malik",
];
export const LAST_NAMES = [
  "Doe",
  "Haddad",
  "Wei",
  "García",
  "O'Brien",
  "Khan",
  "Rossi",
  "Dubois",
  "Smith",
  "Tanaka",
  "Patel",
  "Silva",
  "Müller",
  "Nguyen",
  "Ali",
  "Schmidt",
  "Johansson",
  "Kumar",
  "Petrova",
  "Lindqvist",
  "Okafor",
  "Fernández",
  "Becker",
  "Sato",
  "Larsen",
  "Cohen",
  "Moreau",
  "Alves",
  "Kim",
  "Ahmed",
];

/** Titles; the first four are the executive buyers the seed audiences look for. */
export const EXEC_TITLES = ["Chief Marketing Officer", "CMO", "Chief Information Officer", "CIO"];
export const OTHER_TITLES = [
  "VP Marketing",
  "Director of IT",
  "Marketing Manager",
  "Demand Generation Manager",
  "IT Manager",
  "Data Engineer",
  "VP Sales",
  "Account Executive",
  "Marketing Operations Manager",
  "Head of Digital",
  "Software Engineer",
  "Procurement Lead",
];

/** Products on Salesforce Product2 (id suffix, name, family). */
export const PRODUCTS = [
  { code: "ANALYTICS", name: "Analytics Cloud", family: "Analytics" },
  { code: "DATAHUB", name: "Data Hub", family: "Platform" },
  { code: "ENGAGE", name: "Engagement Suite", family: "Marketing" },
  { code: "SUPPORT", name: "Premier Support", family: "Services" },
] as const;

/** Intent topics and competitor technologies. */
export const INTENT_TOPICS = [
  "Customer Data Platform",
  "Account-Based Marketing",
  "Marketing Automation",
  "Data Warehouse",
  "Identity Resolution",
  "Predictive Analytics",
];
export const TECHNOLOGIES = [
  { technology: "HubSpot Marketing Hub", category: "Marketing Automation", vendor: "HubSpot" },
  { technology: "Marketo Engage", category: "Marketing Automation", vendor: "Adobe" },
  { technology: "Pardot", category: "Marketing Automation", vendor: "Salesforce" },
  { technology: "Eloqua", category: "Marketing Automation", vendor: "Oracle" },
  { technology: "Snowflake", category: "Data Warehouse", vendor: "Snowflake" },
  { technology: "Segment", category: "Customer Data Platform", vendor: "Twilio" },
  { technology: "Google Analytics", category: "Web Analytics", vendor: "Google" },
];

/** Web pages, forms and emails that Marketo activities name. */
export const WEBPAGES = [
  "/",
  "/pricing",
  "/product/analytics-cloud",
  "/product/data-hub",
  "/customers",
  "/blog/abm-playbook",
  "/docs/getting-started",
  "/demo",
  "/careers",
];
export const FORMS = ["Demo Request", "Contact Us", "Webinar Registration", "Ebook Download"];
export const EMAILS = [
  "Newsletter September",
  "Newsletter October",
  "Newsletter November",
  "Webinar Invite",
  "Product Launch: Data Hub 3",
  "Customer Story: Keystone Bank",
];
