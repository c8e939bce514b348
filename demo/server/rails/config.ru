# frozen_string_literal: true

# A real Rails ActionCable server, no full Rails app: Debian's ruby-actioncable (6.1) under puma.
#   puma -b tcp://127.0.0.1:PORT demo/server/rails/config.ru
# /cable        ActionCable; RoomChannel streams from params[:pubsub_token] (rejects a blank one)
# /broadcast    POST {"stream": "...", "payload": {...}} -> ActionCable.server.broadcast(stream, payload)
# /health       200 "ok" once the app is loaded
# PARLEY_QUIET=1 silences ActionCable's logger.

require 'json'
require 'logger'
require 'action_cable'

module ApplicationCable
  class Connection < ActionCable::Connection::Base
  end

  class Channel < ActionCable::Channel::Base
  end
end

class RoomChannel < ApplicationCable::Channel
  def subscribed
    token = params[:pubsub_token].to_s
    return reject if token.empty?

    stream_from token
  end
end

config = ActionCable.server.config
config.cable = { 'adapter' => 'async' } # string key: 6.1 reads cable.fetch("adapter")
config.connection_class = -> { ApplicationCable::Connection }
# Browser tests run on another origin and Node sends no Origin at all: accept every origin.
config.disable_request_forgery_protection = true
config.logger = ENV['PARLEY_QUIET'] == '1' ? Logger.new(nil) : Logger.new($stdout)

# POST /broadcast with permissive CORS, so a browser test can make the server push a frame.
class BroadcastEndpoint
  def call(env)
    cors = {
      'Access-Control-Allow-Origin' => env['HTTP_ORIGIN'] || '*',
      'Access-Control-Allow-Methods' => 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers' => env['HTTP_ACCESS_CONTROL_REQUEST_HEADERS'] || 'content-type, api_access_token',
      'Vary' => 'Origin'
    }
    return [204, cors, []] if env['REQUEST_METHOD'] == 'OPTIONS'
    return json(405, cors, error: 'POST only') unless env['REQUEST_METHOD'] == 'POST'

    body = JSON.parse(env['rack.input'].read)
    stream = body.is_a?(Hash) ? body['stream'] : nil
    return json(422, cors, error: 'stream must be a non-empty string') unless stream.is_a?(String) && !stream.empty?

    ActionCable.server.broadcast(stream, body['payload'])
    json(200, cors, ok: true, stream: stream)
  rescue JSON::ParserError
    json(400, cors, error: 'body is not valid JSON')
  end

  private

  def json(status, headers, body)
    [status, headers.merge('Content-Type' => 'application/json'), [JSON.generate(body)]]
  end
end

map('/cable') { run ActionCable.server }
map('/broadcast') { run BroadcastEndpoint.new }
map('/health') { run ->(_env) { [200, { 'Content-Type' => 'text/plain' }, ['ok']] } }
