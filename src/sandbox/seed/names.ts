// Word lists for realistic-looking seeded people and companies. A few entries carry commas or
// quotes on purpose: CSV writers and readers downstream must quote them.

// biome-ignore format: word lists read best packed
export const FIRST_NAMES = [
  'Jane', 'John', 'Amira', 'Lukas', 'Sofia', 'Mateo', 'Chloé', 'Noah', 'Priya', 'Kenji', 'Olivia',
  'Liam', 'Fatima', 'Jonas', 'Elena', 'Marco', 'Aisha', 'David', 'Hannah', 'Tomás', 'Yuki',
  'Emma', 'Oscar', 'Leila', 'Felix', 'Grace', 'Ravi', 'Ingrid', 'Samuel', 'Mia', 'Diego',
  'Nora', 'Ahmed', 'Clara', 'Ethan', 'Zoe', 'Viktor', 'Lena', 'Omar', 'Julia', 'Hugo', 'Ana',
  'Ben', 'Isla', 'Kofi', 'Maya', 'Pavel', 'Sara', 'Theo', 'Wen', 'Lucas', 'Freya', 'Arjun',
  'Bianca', 'Erik', 'Layla', 'Rafael', 'Ivy', 'Sean', 'Mei',
] as const;

// biome-ignore format: word lists read best packed
export const LAST_NAMES = [
  'Doe', 'Smith', 'Müller', 'Garcia', 'Rossi', 'Nakamura', 'Kowalski', 'Dubois', 'Okafor',
  'Johansson', 'Patel', 'Silva', 'Schmidt', 'Novak', 'Haddad', 'Fischer', 'Costa', 'Nguyen',
  'Andersen', 'Moreau', 'Kim', 'Bauer', 'Lopez', 'Eriksen', 'Brown', 'Wagner', 'Ivanova',
  "O'Brien", 'Van der Berg', 'Santos', 'Weber', 'Chen', 'Larsen', 'Ferreira', 'Hoffmann',
  'Tanaka', 'Martin', 'Kaya', 'Jensen', 'Romano', 'Becker', 'Ali', 'Walsh', 'Meyer', 'Sato',
] as const;

/** Name suffixes written after a comma, as people do: `Sam Carter, Jr.` */
// biome-ignore format: word lists read best packed
export const NAME_SUFFIXES = ['Jr.', 'Sr.', 'PhD'] as const;

// biome-ignore format: word lists read best packed
export const COMPANY_WORDS = [
  'Acme', 'Northwind', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay',
  'Soylent', 'Tyrell', 'Cyberdyne', 'Aperture', 'Wonka', 'Gringotts', 'Monarch', 'Oscorp',
  'Massive', 'Dunder', 'Prestige', 'Blue Sun', 'Virtucon', 'Pied Piper', 'Bluth', 'Sterling',
  'Contoso', 'Fabrikam', 'Tailspin', 'Litware', 'Proseware', 'Adatum', 'Wingtip', 'Fourth',
  'Coho', 'Alpine', 'Lucerne', 'Margie', 'Trey', 'Woodgrove', 'Humongous', 'Bellows', 'Keller',
] as const;

// biome-ignore format: word lists read best packed
export const COMPANY_KINDS = [
  'Logistics', 'Analytics', 'Health', 'Foods', 'Systems', 'Labs', 'Retail', 'Energy', 'Media',
  'Bank', 'Robotics', 'Travel', 'Software', 'Insurance', 'Motors',
] as const;

/** Legal suffixes; the comma makes some company names need CSV quoting. */
// biome-ignore format: word lists read best packed
export const COMPANY_SUFFIXES = ['', '', '', ', Inc.', ' GmbH', ' Ltd', ', LLC', ' AG', ' SAS'] as const;

// biome-ignore format: word lists read best packed
export const ROLES = [
  'Admin', 'Manager', 'Agent', 'Analyst', 'Engineer', 'Sales Rep', 'Team Lead', 'Viewer',
] as const;
// biome-ignore format: word lists read best packed
export const REGIONS = ['EMEA', 'North America', 'LATAM', 'APAC'] as const;
// biome-ignore format: word lists read best packed
export const DEPARTMENTS = [
  'Sales', 'Support', 'Engineering', 'Marketing', 'Finance', 'Operations', 'HR', 'Product',
] as const;
