# frozen_string_literal: true

# A real Rails ActionCable server, no full Rails app: Debian's ruby-actioncable (6.1) under puma.
#   puma -b tcp://127.0.0.1:PORT demo/server/rails/config.ru
# /cable           ActionCable; RoomChannel streams from params[:pubsub_token] (rejects a blank one)
# /chatwoot/cable  the same server, where RoomChannel behaves as Chatwoot's (app/channels/room_channel.rb):
#                  it streams first, then looks the token up and raises when it is unknown, so the
#                  client gets neither confirm_subscription nor reject_subscription
# /chatwoot/tokens POST {"pubsub_token": "...", "user_id"?: n, "account_id"?: n} makes a token known
#                  there (a contact inbox's without user_id, else that user's in that account)
# /broadcast       POST {"stream": "...", "payload": {...}} -> ActionCable.server.broadcast(stream, payload)
# /health          200 "ok" once the app is loaded
# PARLEY_QUIET=1 silences ActionCable's logger.

require 'json'
require 'logger'
require 'action_cable'

module ApplicationCable
  class Connection < ActionCable::Connection::Base
    # Mounted under /chatwoot: RoomChannel behaves as Chatwoot's there.
    def chatwoot?
      "#{env['SCRIPT_NAME']}#{env['PATH_INFO']}".start_with?('/chatwoot/')
    end
  end

  class Channel < ActionCable::Channel::Base
  end
end

# The pubsub tokens Chatwoot would find (contact inboxes' and users'), registered by the tests.
module ChatwootTokens
  # What ActiveRecord raises when find_by! / find finds nothing.
  class RecordNotFound < StandardError; end

  @known = {}
  @lock = Mutex.new

  def self.add(token, user_id, account_id)
    @lock.synchronize { @known[token] = { user_id: user_id, account_id: account_id } }
  end

  # RoomChannel#current_user and #current_account: without user_id the token must be a contact's;
  # with one it must be that user's, and account_id one of the user's accounts.
  def self.find!(token, user_id, account_id)
    entry = @lock.synchronize { @known[token.to_s] }
    raise RecordNotFound, "Couldn't find ContactInbox" if user_id.blank? && (entry.nil? || entry[:user_id])
    return entry if user_id.blank?
    raise RecordNotFound, "Couldn't find User" if entry.nil? || entry[:user_id].to_s != user_id.to_s
    raise RecordNotFound, "Couldn't find Account with 'id'=#{account_id}" if entry[:account_id].to_s != account_id.to_s

    entry
  end
end

class RoomChannel < ApplicationCable::Channel
  def subscribed
    return chatwoot_subscribed if connection.chatwoot?

    token = params[:pubsub_token].to_s
    return reject if token.empty?

    stream_from token
  end

  private

  # Chatwoot's order: stream_from, then the lookups that raise. The raise leaves the confirmation
  # deferred forever and Rails answers nothing; RoomChannel never rejects.
  def chatwoot_subscribed
    stream_from params[:pubsub_token]
    ChatwootTokens.find!(params[:pubsub_token], params[:user_id], params[:account_id])
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
    cors = cors_headers(env)
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

  def cors_headers(env)
    {
      'Access-Control-Allow-Origin' => env['HTTP_ORIGIN'] || '*',
      'Access-Control-Allow-Methods' => 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers' => env['HTTP_ACCESS_CONTROL_REQUEST_HEADERS'] || 'content-type, api_access_token',
      'Vary' => 'Origin'
    }
  end

  def json(status, headers, body)
    [status, headers.merge('Content-Type' => 'application/json'), [JSON.generate(body)]]
  end
end

# POST /chatwoot/tokens: make a pubsub token known to the Chatwoot-shaped RoomChannel.
class TokensEndpoint < BroadcastEndpoint
  def call(env)
    cors = cors_headers(env)
    return [204, cors, []] if env['REQUEST_METHOD'] == 'OPTIONS'
    return json(405, cors, error: 'POST only') unless env['REQUEST_METHOD'] == 'POST'

    body = JSON.parse(env['rack.input'].read)
    token = body.is_a?(Hash) ? body['pubsub_token'] : nil
    return json(422, cors, error: 'pubsub_token must be a non-empty string') unless token.is_a?(String) && !token.empty?

    ChatwootTokens.add(token, body['user_id'], body['account_id'])
    json(200, cors, ok: true)
  rescue JSON::ParserError
    json(400, cors, error: 'body is not valid JSON')
  end
end

map('/cable') { run ActionCable.server }
map('/chatwoot/cable') { run ActionCable.server }
map('/chatwoot/tokens') { run TokensEndpoint.new }
map('/broadcast') { run BroadcastEndpoint.new }
map('/health') { run ->(_env) { [200, { 'Content-Type' => 'text/plain' }, ['ok']] } }
