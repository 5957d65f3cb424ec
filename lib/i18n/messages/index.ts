// One catalogue per locale, one file per namespace (so that screens can be translated side by side).
import en_common from './en/common.json';
import en_errors from './en/errors.json';
import en_validation from './en/validation.json';
import en_dashboard from './en/dashboard.json';
import en_requests from './en/requests.json';
import en_newRequest from './en/newRequest.json';
import en_approvals from './en/approvals.json';
import en_admin from './en/admin.json';
import en_tokens from './en/tokens.json';
import en_signin from './en/signin.json';
import en_notifications from './en/notifications.json';
import en_caseText from './en/caseText.json';
import en_tenantTable from './en/tenantTable.json';
import en_requestList from './en/requestList.json';
import en_usage from './en/usage.json';
import en_autoIncrease from './en/autoIncrease.json';
import ptBR_common from './pt-BR/common.json';
import ptBR_errors from './pt-BR/errors.json';
import ptBR_validation from './pt-BR/validation.json';
import ptBR_dashboard from './pt-BR/dashboard.json';
import ptBR_requests from './pt-BR/requests.json';
import ptBR_newRequest from './pt-BR/newRequest.json';
import ptBR_approvals from './pt-BR/approvals.json';
import ptBR_admin from './pt-BR/admin.json';
import ptBR_tokens from './pt-BR/tokens.json';
import ptBR_signin from './pt-BR/signin.json';
import ptBR_notifications from './pt-BR/notifications.json';
import ptBR_caseText from './pt-BR/caseText.json';
import ptBR_tenantTable from './pt-BR/tenantTable.json';
import ptBR_requestList from './pt-BR/requestList.json';
import ptBR_usage from './pt-BR/usage.json';
import ptBR_autoIncrease from './pt-BR/autoIncrease.json';

export const en = {
  common: en_common,
  errors: en_errors,
  validation: en_validation,
  dashboard: en_dashboard,
  requests: en_requests,
  newRequest: en_newRequest,
  approvals: en_approvals,
  admin: en_admin,
  tokens: en_tokens,
  signin: en_signin,
  notifications: en_notifications,
  caseText: en_caseText,
  tenantTable: en_tenantTable,
  requestList: en_requestList,
  usage: en_usage,
  autoIncrease: en_autoIncrease,
};

/** The catalogue's shape is English's: the guard test holds Portuguese to the same keys and parameters. */
export type Messages = typeof en;

export const ptBR: Messages = {
  common: ptBR_common as Messages['common'],
  errors: ptBR_errors as Messages['errors'],
  validation: ptBR_validation as Messages['validation'],
  dashboard: ptBR_dashboard as Messages['dashboard'],
  requests: ptBR_requests as Messages['requests'],
  newRequest: ptBR_newRequest as Messages['newRequest'],
  approvals: ptBR_approvals as Messages['approvals'],
  admin: ptBR_admin as Messages['admin'],
  tokens: ptBR_tokens as Messages['tokens'],
  signin: ptBR_signin as Messages['signin'],
  notifications: ptBR_notifications as Messages['notifications'],
  caseText: ptBR_caseText as Messages['caseText'],
  tenantTable: ptBR_tenantTable as Messages['tenantTable'],
  requestList: ptBR_requestList as Messages['requestList'],
  usage: ptBR_usage as Messages['usage'],
  autoIncrease: ptBR_autoIncrease as Messages['autoIncrease'],
};
