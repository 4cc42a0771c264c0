// The `report` cloud function. Thin on purpose: the actions live in server/src.
export { reportMain as main } from '@channel-router/server/functions/report';
