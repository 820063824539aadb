// Which roles implement which side of each functional module (the spec's typical-roles table, as this hub
// applies it). The hub serves both sides: a party calls the hub's Receiver when it implements the Sender.
export const FUNCTIONAL_MODULES = [
  'locations',
  'sessions',
  'cdrs',
  'tariffs',
  'tokens',
  'commands',
  'chargingprofiles',
] as const;
export type ModuleId = (typeof FUNCTIONAL_MODULES)[number];
export type Iface = 'SENDER' | 'RECEIVER';

interface Sides {
  sender: readonly string[];
  receiver: readonly string[];
}

// OTHER receives what an NSP does and may send tokens (e.g. a fleet platform); its pushes reach only CPOs.
export const TYPICAL_ROLES: Record<ModuleId, Sides> = {
  locations: { sender: ['CPO'], receiver: ['EMSP', 'NSP', 'OTHER'] },
  tariffs: { sender: ['CPO'], receiver: ['EMSP', 'NSP', 'OTHER'] },
  sessions: { sender: ['CPO'], receiver: ['EMSP'] },
  cdrs: { sender: ['CPO'], receiver: ['EMSP'] },
  tokens: { sender: ['EMSP', 'OTHER'], receiver: ['CPO'] },
  commands: { sender: ['EMSP'], receiver: ['CPO'] },
  chargingprofiles: { sender: ['EMSP'], receiver: ['CPO'] },
};

/** Roles that may call the hub's `hubIface` of a module: the hub's Receiver is called by Senders, and so on. */
export function callerRoles(module: ModuleId, hubIface: Iface): readonly string[] {
  return hubIface === 'RECEIVER' ? TYPICAL_ROLES[module].sender : TYPICAL_ROLES[module].receiver;
}

/** Roles that own the objects of a module: the namespace of a push must be theirs. */
export const ownerRoles = (module: ModuleId): readonly string[] => TYPICAL_ROLES[module].sender;

/** Roles that receive a module's pushes, i.e. implement its Receiver interface. */
export const receiverRoles = (module: ModuleId): readonly string[] => TYPICAL_ROLES[module].receiver;

/** Who may read a module's GET-All: its receivers, and its owners (the visibility filter gives them their own). */
export const readerRoles = (module: ModuleId): readonly string[] => [
  ...TYPICAL_ROLES[module].receiver,
  ...TYPICAL_ROLES[module].sender,
];
