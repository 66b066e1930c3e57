/**
 * The slot API's shapes live in the contract (server/contract/slots.ts); re-exported here for
 * the slot modules.
 */
export {
  NewPassengerSchema,
  type ParsedSlotQuery,
  SlotBookSchema,
  type SlotAnswer,
  type SlotDayAnswer,
  type SlotOption,
  type SlotQuery,
  SlotQuerySchema,
  type SlotTripAnswer,
} from '../contract/slots.ts';
