"""Session-state keys of the app, in one place.

Everything a visitor changes (language, uploaded network, filters) lives in
``st.session_state`` under these keys, so one visitor's choices never reach another's
session. Widget keys are listed here too: a widget's value is read back by its key.
"""

from __future__ import annotations

# The session's data -------------------------------------------------------------------
NETWORK = "network"  # the Network shown in this session
NETWORK_HASH = "network_hash"  # its content hash (cache key of every analysis)
VIEW_HTML = "view_html"  # the last graph view drawn on the Réseau page
VIEW_NAME = "view_name"  # a file name for that view
LOAD_ERROR = "load_error"  # message when the starting network could not be read
# --- images of the view (issue 12, item 4) ---
VIEW_IMAGE = "view_image"  # the last view offered as an image: its parameters and caption
W_IMG = {"png": "w_img_png", "svg": "w_img_svg", "pdf": "w_img_pdf"}  # Réseau's buttons
W_EXP_IMG = {"png": "w_exp_png", "svg": "w_exp_svg", "pdf": "w_exp_pdf"}  # Exporter's
W_EXP_GRAPH = "w_exp_graph"  # cooperation or typed
W_IMG_PANEL = "w_img_panel"  # Réseau's expander holding its image buttons (drawn when open)

# Pages' own keys (not widgets)
UPLOAD_ROUND = "upload_round"  # bumping it gives the uploader a new key, i.e. clears it
PENDING_UPLOAD = "pending_upload"  # {file name: bytes} uploaded, not yet adopted
DATA_FLASH = "data_flash"  # a message to show once on the Données page

# Meeting mode (a workspace file) ------------------------------------------------------
DETACHED = "detached"  # True when this session adopted an upload instead of the workspace
UNLOCKED = "unlocked"  # True once the facilitator password was given (never the password)
PW_FLASH = "pw_flash"  # "wrong" after a wrong password, shown once
WHO = "who"  # the name this visitor types, kept across pages
SEEN_STAMP = "seen_stamp"  # the workspace state this session last drew (editing.stamp)
MEET_FLASH = "meet_flash"  # [(kind, text)] messages of the last edit, shown once
EDIT_BASE = "edit_base"  # {table: (journal seq, rows_frame)} the table the editor shows
EDIT_ROUND = "edit_round"  # {table: n}: bumping n gives that table's editor a new key

# Widgets ------------------------------------------------------------------------------
W_LANG = "w_lang"
W_PROPOSED = "w_include_proposed"  # count proposed links in every figure
W_TIES = "w_ties_rule"  # which declared links count: network.TIES_RULES
W_PASSWORD = "w_facilitator_password"
W_LOCK = "w_lock"
# Réseau
W_SCALE = "w_net_scale"
W_TERRITORY = "w_net_territory"
W_POLE = "w_net_pole"
W_SECTOR = "w_net_sector"
W_FAMILY = "w_net_family"
W_KIND = "w_net_kind"
W_YEAR = "w_net_year"
W_COLOR = "w_net_color"
W_SIZE = "w_net_size"
W_SEARCH = "w_net_search"
W_DEPTH = "w_net_depth"
W_PHYSICS = "w_net_physics"
# --- the meeting room (issue 12): presentation mode, a structure's card, a link by clicks
PRESENTING = "presenting"  # True while the Réseau page fills the screen
LINK_FROM = "link_from"
OPENED_VIEW = "opened_view"  # the SavedView opened last (a link, the panel): its title  # a structure id: the first end of a link drawn by two clicks
W_PRESENT = "w_net_present"
W_NET_GRAPH = "w_net_graph"
W_NET_PARTNERS = "w_net_partners"
W_CARD_PARTNERS = "w_card_partners"
W_PRESENT_EXIT = "w_net_present_exit"
W_CARD_LINK = "w_card_link"
W_CARD_KIND = "w_card_kind"
W_CARD_STATUS = "w_card_status"
W_CARD_YEAR = "w_card_year"
W_CARD_NOTE = "w_card_note"
W_CARD_ADD = "w_card_add"
W_CARD_CANCEL = "w_card_cancel"
# --- saved views and presentations (issue 12, item 2) ---
SAVED_VIEWS = "saved_views"  # [SavedView] kept in this session when there is no workspace
SAVED_PRESENTATIONS = "saved_presentations"  # [Presentation] likewise
VIEWS_FLASH = "views_flash"  # [(kind, text)] said once after a save, an upload, a link
PR_PLAYING = "pr_playing"  # (name, (view names...)) of the presentation played, or None
PR_POSITION = "pr_position"  # the index of the view shown
PR_DRAFT = "pr_draft"  # (name, [view names]) the presentation being built or reordered
W_VW_PANEL = "w_vw_panel"  # the saved views' expander (its widgets drawn when open)
W_VW_NAME = "w_vw_name"
W_VW_TITLE = "w_vw_title"
W_VW_COMMENT = "w_vw_comment"
W_VW_SAVE = "w_vw_save"
W_VW_WHO = "w_vw_who"
W_VW_PICK = "w_vw_pick"
W_VW_OPEN = "w_vw_open"
W_VW_RENAME_TO = "w_vw_rename_to"
W_VW_RENAME = "w_vw_rename"
W_VW_DELETE = "w_vw_delete"
W_VW_UNDO = "w_vw_undo"
W_VW_DOWNLOAD = "w_vw_download"
W_VW_UPLOAD = "w_vw_upload"
W_PR_PICK = "w_pr_pick"
W_PR_NAME = "w_pr_name"
W_PR_ADD_VIEW = "w_pr_add_view"
W_PR_ADD = "w_pr_add"
W_PR_ROW = "w_pr_row"  # + _<action>_<position>: move up, move down, take out
W_PR_SAVE = "w_pr_save"
W_PR_DELETE = "w_pr_delete"
W_PR_PLAY = "w_pr_play"
W_PR_PREV = "w_pr_prev"
W_PR_NEXT = "w_pr_next"
W_PR_STOP = "w_pr_stop"
W_PR_KEYS = "w_pr_keys"  # the arrow keys' listener (a component)
W_PR_GRAPH = "w_pr_graph"
# --- end of saved views and presentations ---
# Vue d'ensemble
W_MAP_ARCS = "w_map_arcs"
W_MAP_STRUCTURES = "w_map_structures"
W_ESS_PANEL = "w_ess_panel"  # « L'ESS du territoire en chiffres » (a lazy expander)
W_ESS_WHERE = "w_ess_where"
W_ESS_BY = "w_ess_by"
# Liens intersectoriels
W_MIX_SCOPE = "w_mix_scope"
W_MIX_VALUE = "w_mix_value"
W_MIX_SHOW = "w_mix_show"
# Lacunes
W_GAP_SCOPE = "w_gap_scope"
W_GAP_VALUE = "w_gap_value"
# Opportunités
W_OPP_SCOPE = "w_opp_scope"
W_OPP_VALUE = "w_opp_value"
W_OPP_K = "w_opp_k"
W_OPP_RANKING = "w_opp_ranking"  # strategic or probable
W_OPP_DL = "w_opp_download"
# Données
W_UPLOAD = "w_upload"
W_ADOPT = "w_adopt"
W_ADOPT_CONFIRM = "w_adopt_confirm"  # "I understand what would be lost"
W_DISCARD = "w_discard_upload"
W_TPL_XLSX = "w_tpl_xlsx"
W_TPL_CSV = "w_tpl_csv"
W_CUR_XLSX = "w_cur_xlsx"
W_CUR_CSV = "w_cur_csv"
W_RESET_DEMO = "w_reset_demo"
# Exporter
W_EXP_CSV = "w_exp_csv"
W_EXP_XLSX = "w_exp_xlsx"
W_EXP_GEXF = "w_exp_gexf"
W_EXP_GRAPHML = "w_exp_graphml"
W_EXP_JSON = "w_exp_json"
W_EXP_HTML = "w_exp_html"
# Rencontre (meeting)
W_WHO = "w_who"
W_UNDO = "w_undo"
W_LINK_FORM = "w_link_form"
W_LINK_SOURCE = "w_link_source"
W_LINK_TARGET = "w_link_target"
W_LINK_KIND = "w_link_kind"
W_LINK_YEAR = "w_link_year"
W_LINK_WEIGHT = "w_link_weight"
W_LINK_STATUS = "w_link_status"
W_LINK_NOTE = "w_link_note"
W_LINK_SUBMIT = "w_link_submit"
W_STRUCT_FORM = "w_struct_form"
W_STRUCT_ID = "w_struct_id"
W_STRUCT_NAME = "w_struct_name"
W_STRUCT_FAMILY = "w_struct_family"
W_STRUCT_SECTOR = "w_struct_sector"
W_STRUCT_TERRITORY = "w_struct_territory"
W_STRUCT_POLE = "w_struct_pole"
W_STRUCT_SUBMIT = "w_struct_submit"
W_CONFIRM_PICK = "w_confirm_pick"
W_CONFIRM = "w_confirm"
W_EDIT_LINKS = "w_edit_links"  # + round
W_EDIT_STRUCTURES = "w_edit_structures"  # + round
W_SAVE_LINKS = "w_save_links"
W_SAVE_STRUCTURES = "w_save_structures"
W_CASCADE = "w_cascade"
# Journal
W_SNAP_NAME = "w_snap_name"
W_SNAP_FORM = "w_snap_form"
W_SNAP_CREATE = "w_snap_create"
W_SNAP_DIFF = "w_snap_diff"
W_JOURNAL_MINE = "w_journal_mine"
# Lacunes / Opportunités: the territorial diagnostic
W_GAP_REPORT = "w_gap_report"
W_OPP_REPORT = "w_opp_report"

# Enquête: the respondent's form (a personal link ?enquete=TOKEN) -------------------------
RESPONDENT = "respondent_token"  # the token this session answers with (kept once seen)
SV_FORM = "sv_form"  # (campaign id, structure) the widget state below was seeded for
SV_PARTNERS = "sv_partners"  # [uid] the partners on the form, in form order
SV_INFO = "sv_info"  # {uid: {"structure", "name", "commune"}} who each partner is
SV_NEXT = "sv_next_uid"  # the next partner uid
SV_PROBLEMS = "sv_problems"  # [(uid or None, column, Problem)] of the last save
SV_FLASH = "sv_flash"  # (kind, key, params) the confirmation of the last save
W_SV_MODE = "w_sv_mode"  # find a partner: by name, by sector, outside the list
W_SV_SEARCH = "w_sv_search"
W_SV_ADD = "w_sv_add"
W_SV_SECTOR = "w_sv_sector"
W_SV_BROWSE = "w_sv_browse"
W_SV_BROWSE_ADD = "w_sv_browse_add"
W_SV_FREE_NAME = "w_sv_free_name"
W_SV_FREE_COMMUNE = "w_sv_free_commune"
W_SV_FREE_ADD = "w_sv_free_add"
W_SV_PARTNER = "w_sv_p"  # + _<uid>_<field>: one partner's widgets
W_SV_NEEDS = "w_sv_needs"
W_SV_NEEDS_TEXT = "w_sv_needs_text"
W_SV_OFFERS = "w_sv_offers"
W_SV_OFFERS_TEXT = "w_sv_offers_text"
W_SV_FUNCTION = "w_sv_fn"  # + _<function code>
W_SV_COMMENT = "w_sv_comment"
W_SV_DRAFT = "w_sv_draft"
W_SV_SUBMIT = "w_sv_submit"

# Enquête: the coordinator's page ----------------------------------------------------------
SVC_LINKS = "svc_links"  # (campaign name, csv bytes, count) links issued, shown once
SVC_APPLIED = "svc_applied"  # (campaign name, who, ApplyResult) the last integration
SVC_PICK = "svc_pick"  # a campaign to select on the next run (one just opened)
W_SVC_CAMPAIGN = "w_svc_campaign"
W_SVC_NAME = "w_svc_name"
W_SVC_SCOPE = "w_svc_scope"
W_SVC_TERRITORIES = "w_svc_territories"
W_SVC_POLES = "w_svc_poles"
W_SVC_LIST = "w_svc_list"
W_SVC_NEIGHBOURS = "w_svc_neighbours"
W_SVC_CLOSES = "w_svc_closes"
W_SVC_OPEN = "w_svc_open"
W_SVC_BASE_URL = "w_svc_base_url"
W_SVC_ISSUE = "w_svc_issue"
W_SVC_REISSUE_LATE = "w_svc_reissue_late"
W_SVC_REISSUE_ONE = "w_svc_reissue_one"
W_SVC_REISSUE_ONE_GO = "w_svc_reissue_one_go"
W_SVC_LINKS_DL = "w_svc_links_dl"
W_SVC_RATE_GROUP = "w_svc_rate_group"
W_SVC_LATE_DL = "w_svc_late_dl"
W_SVC_TIE_STATUS = "w_svc_tie_status"
W_SVC_OUTSIDE_PICK = "w_svc_outside_pick"
W_SVC_MATCH = "w_svc_match"
W_SVC_MATCH_GO = "w_svc_match_go"
W_SVC_UNMATCH = "w_svc_unmatch"
W_SVC_NEW_FORM = "w_svc_new_form"  # add a partner outside the roster as a new structure
W_SVC_NEW_ID = "w_svc_new_id"
W_SVC_NEW_FAMILY = "w_svc_new_family"
W_SVC_NEW_SECTOR = "w_svc_new_sector"
W_SVC_NEW_TERRITORY = "w_svc_new_territory"
W_SVC_NEW_GO = "w_svc_new_go"
W_SVC_CLOSE_SURE = "w_svc_close_sure"
W_SVC_CLOSE = "w_svc_close"
W_SVC_APPLY = "w_svc_apply"
W_SVC_UNDO = "w_svc_undo"

# --- tables shown whole, Opportunités' selection, the overview map (issue 12) ---
#: Prefix of the Opportunités table's key: the table is keyed by its rows, so that a row
#: ticked for one scope is not left ticked, by its number, on another scope's rows.
W_OPP_TABLE = "w_opp_table"
#: The overview map: its chart, the « Recentrer » button and how many times it was pressed
#: (the map's view takes that number in its id: a new view starts from the fitted one).
W_MAP_CHART = "w_map_chart"
W_MAP_RESET = "w_map_reset"
MAP_ROUND = "map_round"
