"""The production command's HTTP protocol turns Nagle's algorithm off on a socket uvicorn bound.

With ``--workers`` above 1, uvicorn binds the listening socket itself, without IPPROTO_TCP, and
asyncio then leaves TCP_NODELAY off on the connections it accepts (Kludex/uvicorn#3149): the body
of every answer after the first on a kept-alive connection waited ~40 ms for a delayed ACK.
"""

import asyncio
import socket

import pytest
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from dbay.service.asgi import NoDelayHTTP
from dbay.service.cache import Receive, Scope, Send


async def nothing(scope: Scope, receive: Receive, send: Send) -> None:
    """An ASGI app; no request is sent."""


async def accepted_nodelay(protocol: type[H11Protocol]) -> int:
    """TCP_NODELAY of a connection ``protocol`` serves on a listening socket bound as uvicorn's workers' is."""
    config = uvicorn.Config(nothing, host="127.0.0.1", port=0, log_level="warning")
    config.load()
    state = ServerState()
    listener = config.bind_socket()
    server = await asyncio.get_running_loop().create_server(
        lambda: protocol(config=config, server_state=state, app_state={}), sock=listener
    )
    _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
    try:
        for _ in range(1000):
            if state.connections:
                break
            await asyncio.sleep(0.001)
        (connection,) = state.connections
        nodelay: int = connection.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        return nodelay
    finally:
        writer.close()
        server.close()
        await server.wait_closed()


def test_the_production_protocol_sets_tcp_nodelay() -> None:
    assert asyncio.run(accepted_nodelay(NoDelayHTTP)) == 1


@pytest.mark.xfail(reason="uvicorn without the fix of Kludex/uvicorn#3149; when this passes, NoDelayHTTP can go", strict=False)
def test_uvicorns_own_protocol_sets_tcp_nodelay_on_the_socket_it_bound() -> None:
    assert asyncio.run(accepted_nodelay(H11Protocol)) == 1
