/** What every app needs around its pages: client, session, login picker, location. */
export { createAppClient } from './client';
export { getToken, setToken, clearToken, needsLogin, tokenKey, LOGIN_PAGE, HOME_PAGE } from './session';
export { useRequireLogin } from './use-require-login';
export { LoginScreen, type LoginScreenProps } from './login-screen';
export { approxLocation } from './location';
export { useQuery, type QueryState } from './use-query';
export { ROLE_LABELS, ORG_KIND_LABELS, membershipLabel } from './role-labels';
export { taroStorage } from './storage';
export { createNav } from './nav';
export { useLaunchCode } from './launch';
