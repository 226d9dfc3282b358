// "Top-level keys matching common name, email, or phone patterns are automatically promoted":
// the docs give no list, so these patterns are the simulator's reading (camel, snake or kebab
// case, optionally prefixed by user/customer/contact). customFields df_* values win over them.
import { isEmail, isObject, type Json } from './validate.js';

const PATTERNS = {
  name: /^(user|customer|contact|full)?name$/,
  email: /^(user|customer|contact)?(email|emailaddress|mail)$/,
  phone: /^(user|customer|contact)?(phone|phonenumber|mobile|tel|telephone)$/,
} as const;

export interface Contact {
  name?: string;
  email?: string;
  phone?: string;
}

const normaliseKey = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

export function contactFields(metadata: Json | undefined): Contact {
  const contact: Contact = {};
  if (!metadata) return contact;
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    const normalised = normaliseKey(key);
    for (const field of ['name', 'email', 'phone'] as const) {
      if (contact[field] === undefined && PATTERNS[field].test(normalised)) contact[field] = value;
    }
  }
  const fields = isObject(metadata.customFields) ? metadata.customFields : {};
  const fromField = (id: string) => (typeof fields[id] === 'string' ? fields[id] : undefined);
  contact.name = fromField('df_name') ?? contact.name;
  contact.email = fromField('df_email') ?? contact.email;
  contact.phone = fromField('df_phone') ?? contact.phone;
  if (contact.email !== undefined && !isEmail(contact.email)) delete contact.email;
  return contact;
}
