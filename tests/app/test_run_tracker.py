"""The browser tests' run tracker (app_fixtures.RUN_TRACKER) reads Streamlit's websocket
messages by protobuf field number: these must be the numbers of the installed streamlit."""

from __future__ import annotations


def test_run_tracker_field_numbers():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg, ForwardMsgMetadata

    assert BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number == 11
    assert ClientState.DESCRIPTOR.fields_by_name["fragment_id"].number == 5
    fields = ForwardMsg.DESCRIPTOR.fields_by_name
    assert (fields["metadata"].number, fields["new_session"].number) == (2, 4)
    assert fields["script_finished"].number == 6
    assert ForwardMsg.FINISHED_EARLY_FOR_RERUN == 2
    run = ForwardMsgMetadata.DESCRIPTOR.fields_by_name["run"]
    assert run.number == 6
    assert run.message_type.fields_by_name["fragment_ids"].number == 2
