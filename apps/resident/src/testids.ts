/** Stable `data-testid`s the browser tests (e2e/) rely on. Rename only together with the tests. */
export const TEST_IDS = {
  loginPhone: 'login-phone',
  loginPassword: 'login-password',
  loginSubmit: 'login-submit',
  loginError: 'login-error',
  passwordCurrent: 'password-current',
  passwordNew: 'password-new',
  passwordConfirm: 'password-confirm',
  passwordSubmit: 'password-submit',
  passwordError: 'password-error',
  tabBar: 'tab-bar',
  tabHome: 'tab-home',
  tabUnits: 'tab-units',
  tabProfile: 'tab-profile',
  tabDecisions: 'tab-decisions',
  tabTickets: 'tab-tickets',
  homeGreeting: 'home-greeting',
  homeCompany: 'home-company',
  homeShortcut: 'home-shortcut',
  myUnitsList: 'my-units-list',
  myUnitItem: 'my-unit-item',
  myUnitsEmpty: 'my-units-empty',
  myUnitsError: 'my-units-error',
  homeDecisions: 'home-decisions',
  /** The 表决 tab: one `decision-item` per decision, with `data-decision-id` and `data-status`. */
  decisionsList: 'decisions-list',
  decisionItem: 'decision-item',
  decisionsEmpty: 'decisions-empty',
  decisionsError: 'decisions-error',
  /** The decision page (/decisions/:id). */
  decisionTitle: 'decision-title',
  decisionStatus: 'decision-status',
  decisionError: 'decision-error',
  decisionRollHash: 'decision-roll-hash',
  decisionMyVoter: 'decision-my-voter',
  decisionNotOnRoll: 'decision-not-on-roll',
  decisionTurnout: 'decision-turnout',
  /** The ballot: `vote-topic` has `data-seq`; choices are `vote-choice-<seq>-<agree|oppose|abstain>`. */
  voteForm: 'vote-form',
  voteTopic: 'vote-topic',
  voteChoice: 'vote-choice',
  voteRequestCode: 'vote-request-code',
  /** The demo code itself (demo SMS driver only). */
  voteDemoCode: 'vote-demo-code',
  voteCode: 'vote-code',
  voteSubmit: 'vote-submit',
  voteError: 'vote-error',
  /** The receipt of the ballot just cast; it and each `my-receipt-item` hold the three receipt-* ids. */
  voteReceipt: 'vote-receipt',
  myReceiptItem: 'my-receipt-item',
  receiptHash: 'receipt-hash',
  receiptVerify: 'receipt-verify',
  /** `data-included` and `data-chain-valid` are "true" or "false". */
  receiptVerifyResult: 'receipt-verify-result',
  /** Closed decisions: `result-topic` has `data-seq` and `data-outcome` (passed|failed|noQuorum). */
  decisionResult: 'decision-result',
  resultTopic: 'result-topic',
  decisionExport: 'decision-export',
  /**
   * The 报修 tab and its one-tap flow: kind tiles are `ticket-kind-<kind>` (repair_home, repair_common,
   * complaint, inquiry, suggestion, praise, hazard), category tiles `ticket-category-<code>`.
   */
  ticketKind: 'ticket-kind',
  ticketCategory: 'ticket-category',
  ticketCategoriesEmpty: 'ticket-categories-empty',
  ticketCategoriesError: 'ticket-categories-error',
  /** The short form (step 3): these ids sit on the <input>/<textarea> itself. */
  ticketForm: 'ticket-form',
  ticketTitleInput: 'ticket-title-input',
  ticketDescription: 'ticket-description',
  ticketSpot: 'ticket-spot',
  /** The <input type=file>; each chosen photo is a `ticket-photo` thumbnail. */
  ticketPhotoInput: 'ticket-photo-input',
  ticketPhoto: 'ticket-photo',
  ticketUnit: 'ticket-unit',
  ticketUrgent: 'ticket-urgent',
  ticketVisitTime: 'ticket-visit-time',
  ticketSubmit: 'ticket-submit',
  ticketFormError: 'ticket-form-error',
  /** 我的报修: rows are `my-ticket-<number>` with `data-ticket-id` and `data-status`. */
  myTicketsList: 'my-tickets-list',
  myTicket: 'my-ticket',
  myTicketsEmpty: 'my-tickets-empty',
  myTicketsError: 'my-tickets-error',
  /** The request page (/tickets/:id). The status text has `data-status`. */
  ticketStatus: 'ticket-status',
  ticketNumber: 'ticket-number',
  ticketTitle: 'ticket-title',
  ticketError: 'ticket-error',
  /** Timeline entries are `ticket-event` with `data-kind`, newest first. */
  ticketTimeline: 'ticket-timeline',
  ticketEvent: 'ticket-event',
  /** Rating: stars are buttons `ticket-rate-star-<1..5>`. */
  ticketRate: 'ticket-rate',
  ticketRateStar: 'ticket-rate-star',
  ticketRateComment: 'ticket-rate-comment',
  ticketRateSubmit: 'ticket-rate-submit',
  ticketMyRating: 'ticket-my-rating',
  /** Reopen and cancel open a sheet with a required reason and a confirm button. */
  ticketReopen: 'ticket-reopen',
  ticketCancel: 'ticket-cancel',
  ticketReasonInput: 'ticket-reason-input',
  ticketReasonSubmit: 'ticket-reason-submit',
  /** A quote waiting for me: the amount, accept and decline. */
  ticketQuote: 'ticket-quote',
  ticketQuoteAmount: 'ticket-quote-amount',
  ticketAcceptQuote: 'ticket-accept-quote',
  ticketDeclineQuote: 'ticket-decline-quote',
  /**
   * The 缴费 tab. `pay-open-total` (with `data-unit-id`, `data-fen`) is the chosen unit's 待缴 total; units
   * are chosen with `pay-unit-<unit code>` when there are several. Each open bill is a `pay-bill-row`
   * (`data-bill-id`, `data-selected`), a <label> around its checkbox.
   */
  payTab: 'pay-tab',
  payUnit: 'pay-unit',
  payOpenTotal: 'pay-open-total',
  payPrepaid: 'pay-prepaid',
  payDeposit: 'pay-deposit',
  payBillRow: 'pay-bill-row',
  payBillsEmpty: 'pay-bills-empty',
  payAccountsEmpty: 'pay-accounts-empty',
  payAccountsError: 'pay-accounts-error',
  /** The <input> of the optional prepayment, in 元. */
  payPrepayInput: 'pay-prepay-input',
  /** The amount 去缴费 will charge (`data-fen`). */
  payAmount: 'pay-amount',
  payError: 'pay-error',
  /** 去缴费 opens a sheet of `pay-provider-<wechatpay|alipay>`; a tap makes the order. */
  paySubmit: 'pay-submit',
  payProvider: 'pay-provider',
  payLinkReceipts: 'pay-link-receipts',
  payLinkBills: 'pay-link-bills',
  payLinkMessages: 'pay-link-messages',
  /** The order page (/pay/orders/:id): the sandbox cashier, waiting, or paid (`data-status`). */
  payOrder: 'pay-order',
  payOrderError: 'pay-order-error',
  paySandboxConfirm: 'pay-sandbox-confirm',
  paySuccess: 'pay-success',
  /** The receipt number on 缴费成功, and 查看收据. */
  paySuccessReceipt: 'pay-success-receipt',
  payViewReceipt: 'pay-view-receipt',
  /** 缴费记录: rows `receipt-row` with `data-receipt-id`, `data-status` (issued|void). */
  receiptsList: 'receipts-list',
  receiptRow: 'receipt-row',
  receiptsEmpty: 'receipts-empty',
  receiptsError: 'receipts-error',
  receiptDetailNumber: 'receipt-detail-number',
  receiptDetailError: 'receipt-detail-error',
  receiptDetailTotal: 'receipt-detail-total',
  receiptVoid: 'receipt-void',
  receiptPdf: 'receipt-pdf',
  /** 全部账单: `bills-filter-<all|open|paid>`, rows `bill-item` with `data-bill-id`, `data-status`. */
  billsFilter: 'bills-filter',
  billItem: 'bill-item',
  billsEmpty: 'bills-empty',
  billsError: 'bills-error',
  /** 消息: rows `message-item` with `data-message-id`, `data-read` ("true"|"false"). */
  messagesList: 'messages-list',
  messageItem: 'message-item',
  messagesEmpty: 'messages-empty',
  messagesError: 'messages-error',
  /**
   * 公示. The entry is the home shortcut `home-shortcut-disclosure` (→ /disclosures). Communities are chosen
   * with `disclosure-community-<communityId>` when the owner has several; kinds with `disclosure-filter-<all|type>`.
   */
  disclosureEntry: 'home-shortcut-disclosure',
  disclosureCommunity: 'disclosure-community',
  disclosureNoCommunity: 'disclosure-no-community',
  disclosureCommunitiesError: 'disclosure-communities-error',
  disclosureLinkRevenue: 'disclosure-link-revenue',
  disclosureLinkFund: 'disclosure-link-fund',
  disclosureFilter: 'disclosure-filter',
  /** Rows `disclosure-item` with `data-disclosure-id`, `data-type`, `data-version`. */
  disclosureList: 'disclosure-list',
  disclosureItem: 'disclosure-item',
  disclosuresEmpty: 'disclosures-empty',
  disclosuresError: 'disclosures-error',
  /** The item page (/disclosures/:id): the title has `data-status` (published|superseded), `data-version`. */
  disclosureTitle: 'disclosure-title',
  disclosureError: 'disclosure-error',
  disclosureSuperseded: 'disclosure-superseded',
  disclosureCorrection: 'disclosure-correction',
  disclosureBody: 'disclosure-body',
  /** Each file is a `disclosure-attachment` (`data-sha256`) with an open link and a download link. */
  disclosureAttachment: 'disclosure-attachment',
  /** Versions `disclosure-version` with `data-version`, `data-shown`. */
  disclosureVersions: 'disclosure-versions',
  disclosureVersion: 'disclosure-version',
  /** Generated content: fee items (rows `fee-standard-row`), a quarter's revenue, the fund's statement. */
  disclosureFeeStandards: 'disclosure-fee-standards',
  feeStandardRow: 'fee-standard-row',
  /** `data-quarter`, `data-income-fen`, `data-cost-fen`, `data-net-fen`, `data-to-fund-fen`. */
  disclosureRevenueStatement: 'disclosure-revenue-statement',
  /** `data-opening-fen`, `data-closing-fen`; unit rows `fund-statement-unit` with `data-needs-top-up`. */
  disclosureFundStatement: 'disclosure-fund-statement',
  fundStatementUnit: 'fund-statement-unit',
  fundStatementUnitsWithheld: 'fund-statement-units-withheld',
  /** 公共收益 (/disclosures/public-revenue): the balance has `data-fen`. */
  revenueBalance: 'revenue-balance',
  revenueError: 'revenue-error',
  revenueEmpty: 'revenue-empty',
  /**
   * The quarterly chart (also on the public page): `revenue-quarter` rows with `data-quarter`,
   * `data-income-fen`, `data-cost-fen`, `data-net-fen`, `data-to-fund-fen`, `data-closed`.
   */
  revenueChart: 'revenue-chart',
  revenueQuarter: 'revenue-quarter',
  revenueStatementLink: 'revenue-statement-link',
  /** Entries `revenue-entry` with `data-entry-id`, `data-kind`, `data-signed-fen`. */
  revenueEntries: 'revenue-entries',
  revenueEntry: 'revenue-entry',
  /** 维修资金 (/disclosures/fund): the community's figures, `fund-balance` with `data-fen`. */
  fundSummary: 'fund-summary',
  fundBalance: 'fund-balance',
  fundError: 'fund-error',
  /** My sub-accounts: `fund-account-item` with `data-unit-id`, `data-fen`, `data-needs-top-up`; tap opens it. */
  fundAccounts: 'fund-accounts',
  fundAccountItem: 'fund-account-item',
  fundAccountsEmpty: 'fund-accounts-empty',
  fundAccountsError: 'fund-accounts-error',
  /**
   * The sub-account page (/disclosures/fund/accounts/:unitId): the balance (`data-fen`, `data-needs-top-up`),
   * the 30% line (`data-fen`), the top-up notice (only when below the line), movements `fund-account-entry`.
   */
  fundAccountBalance: 'fund-account-balance',
  fundAccountFirstDeposit: 'fund-account-first-deposit',
  fundAccountTopUpLine: 'fund-account-top-up-line',
  fundAccountTopUp: 'fund-account-top-up',
  fundAccountEntry: 'fund-account-entry',
  fundAccountError: 'fund-account-error',
  /** Settled projects `fund-project` (`data-project-id`); the project page's shares `fund-share-line`. */
  fundProjects: 'fund-projects',
  fundProject: 'fund-project',
  fundProjectsEmpty: 'fund-projects-empty',
  fundProjectsError: 'fund-projects-error',
  fundProjectTitle: 'fund-project-title',
  fundProjectError: 'fund-project-error',
  fundShareLine: 'fund-share-line',
  /**
   * The public notice board (/public/:tenantId/:token, no sign-in): its root; `public-board-off` when the
   * page is closed or unknown (404); items `public-item` (`data-disclosure-id`, `data-type`, `data-open`).
   */
  publicBoard: 'public-board',
  publicBoardOff: 'public-board-off',
  publicBoardError: 'public-board-error',
  publicItem: 'public-item',
  publicRevenueBalance: 'public-revenue-balance',
  publicFund: 'public-fund',
  profileName: 'profile-name',
  profilePhone: 'profile-phone',
  profileLanguage: 'profile-language',
  profileChangePassword: 'profile-change-password',
  profileSwitchCompany: 'profile-switch-company',
  profileLogout: 'profile-logout',
} as const
